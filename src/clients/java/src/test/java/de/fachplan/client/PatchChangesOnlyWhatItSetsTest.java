package de.fachplan.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openapitools.client.ApiClient;
import org.openapitools.client.ApiException;
import org.openapitools.client.ApiResponse;
import org.openapitools.client.api.AccommodationFacilitiesApi;
import org.openapitools.client.api.ApiKeysApi;
import org.openapitools.client.api.IndicatorsApi;
import org.openapitools.client.api.MeasuresApi;
import org.openapitools.client.api.OrganisationsApi;
import org.openapitools.client.model.AccommodationFacility;
import org.openapitools.client.model.AccommodationFacilityCreate;
import org.openapitools.client.model.AccommodationFacilityPatch;
import org.openapitools.client.model.ApiKeyCreate;
import org.openapitools.client.model.FacilityType;
import org.openapitools.client.model.Indicator;
import org.openapitools.client.model.IndicatorCreate;
import org.openapitools.client.model.IndicatorDirection;
import org.openapitools.client.model.IndicatorPatch;
import org.openapitools.client.model.IndicatorTarget;
import org.openapitools.client.model.IndicatorUnit;
import org.openapitools.client.model.LocalizedText;
import org.openapitools.client.model.Measure;
import org.openapitools.client.model.MeasureCreate;
import org.openapitools.client.model.MeasurePartnerInput;
import org.openapitools.client.model.MeasurePatch;
import org.openapitools.client.model.Organisation;
import org.openapitools.client.model.PartnerRole;
import org.openapitools.client.model.ReportingFrequency;
import org.openapitools.client.model.Role;

/**
 * The generated client, used as a newcomer would (default options, builder-style models), sends a
 * merge patch that sets one member and the service changes nothing else. Runs against a live
 * service: {@code -Dfachplan.baseUrl=http://host:port/api/v1 -Dfachplan.adminKey=fpk_...}.
 */
class PatchChangesOnlyWhatItSetsTest {

    private static ApiClient editor;

    @BeforeAll
    static void editorClient() throws ApiException {
        String adminKey = System.getProperty("fachplan.adminKey", "");
        if (adminKey.isBlank()) {
            throw new IllegalStateException("start the service and pass -Dfachplan.adminKey (and -Dfachplan.baseUrl)");
        }
        ApiClient admin = client(adminKey);
        String key = new ApiKeysApi(admin)
                .createApiKey(new ApiKeyCreate().name("Java client test " + UUID.randomUUID()).role(Role.EDITOR), null)
                .getKey();
        editor = client(key);
    }

    private static ApiClient client(String key) {
        ApiClient client = new ApiClient();
        String baseUrl = System.getProperty("fachplan.baseUrl", "");
        if (!baseUrl.isBlank()) {
            client.updateBaseUri(baseUrl);
        }
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        return client;
    }

    @Test
    void aPatchOfOneMemberSerialisesAsThatMemberAlone() throws Exception {
        assertEquals("{\"progress\":10}", editor.getObjectMapper().writeValueAsString(new MeasurePatch().progress(10)));
        assertEquals("{\"illustrative\":true}",
                editor.getObjectMapper().writeValueAsString(new IndicatorPatch().illustrative(true)));
        assertEquals("{\"plannedPlaces\":80}",
                editor.getObjectMapper().writeValueAsString(new AccommodationFacilityPatch().plannedPlaces(80)));
    }

    @Test
    void patchingAMeasuresProgressKeepsItsListsAndEverythingElse() throws ApiException {
        MeasuresApi measures = new MeasuresApi(editor);
        List<Organisation> organisations = new OrganisationsApi(editor).listOrganisations(null, null, 2, null, null).getItems();
        Measure created = measures.createMeasure(new MeasureCreate().actionField("S")
                .title("Sprachcafé (Java-Client-Test)").description("Wird nicht geändert").progress(0)
                .leadOrganisationId(organisations.get(0).getId())
                .addPartnersItem(new MeasurePartnerInput().organisationId(organisations.get(1).getId())
                        .role(PartnerRole.COOPERATING))
                .guidelines(List.of("L1", "L3")).targetGroups(List.of("ASYLUM_SEEKERS")).districts(List.of("PROHLIS"))
                .statusNote("intern"), null);
        ApiResponse<Measure> before = measures.getMeasureWithHttpInfo(created.getId().toString(), null, null);

        Measure after = measures.updateMeasure(created.getId().toString(), etag(before), new MeasurePatch().progress(10),
                null, null);

        assertEquals(10, after.getProgress());
        assertFalse(after.getPartners().isEmpty());
        Measure expected = before.getData().progress(10).version(after.getVersion()).updatedAt(after.getUpdatedAt());
        assertEquals(expected, after);
        assertEquals(after, measures.getMeasure(created.getId().toString(), null, null));
    }

    @Test
    void patchingAnIndicatorsFlagKeepsItsTargetsAndEverythingElse() throws ApiException {
        IndicatorsApi controlling = new IndicatorsApi(editor);
        String code = "JAVA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Indicator created = controlling.createIndicator(new IndicatorCreate().code(code)
                .name(new LocalizedText().de("Teilnehmende Sprachcafé").en("Language café participants"))
                .unit(IndicatorUnit.COUNT).direction(IndicatorDirection.HIGHER_IS_BETTER)
                .frequency(ReportingFrequency.YEARLY).actionField("S")
                .addTargetsItem(new IndicatorTarget().period("2020").value(BigDecimal.valueOf(120)))
                .addTargetsItem(new IndicatorTarget().period("2021").value(BigDecimal.valueOf(150))), null);
        ApiResponse<Indicator> before = controlling.getIndicatorWithHttpInfo(created.getId().toString(), null, null);

        Indicator after = controlling.updateIndicator(created.getId().toString(), etag(before),
                new IndicatorPatch().illustrative(true), null);

        assertEquals(2, after.getTargets().size());
        Indicator expected = before.getData().illustrative(true).version(after.getVersion()).updatedAt(after.getUpdatedAt());
        assertEquals(expected, after);
    }

    @Test
    void patchingAFacilitysPlacesKeepsEverythingElse() throws ApiException {
        AccommodationFacilitiesApi capacity = new AccommodationFacilitiesApi(editor);
        UUID operator = new OrganisationsApi(editor).listOrganisations(null, null, 1, null, null).getItems().get(0).getId();
        AccommodationFacility created = capacity.createAccommodationFacility(new AccommodationFacilityCreate()
                .code("JAVA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase())
                .name("Übergangswohnheim (Java-Client-Test)").type(FacilityType.SHARED_ACCOMMODATION)
                .district("PROHLIS").operatorOrganisationId(operator).streetAddress("Beispielstraße 1")
                .postalCode("01239").plannedPlaces(60).openedOn(LocalDate.of(2016, 3, 1)), null);
        ApiResponse<AccommodationFacility> before =
                capacity.getAccommodationFacilityWithHttpInfo(created.getId().toString(), null);

        AccommodationFacility after = capacity.updateAccommodationFacility(created.getId().toString(), etag(before),
                new AccommodationFacilityPatch().plannedPlaces(80));

        assertEquals(80, after.getPlannedPlaces());
        AccommodationFacility expected =
                before.getData().plannedPlaces(80).version(after.getVersion()).updatedAt(after.getUpdatedAt());
        assertEquals(expected, after);
    }

    private static String etag(ApiResponse<?> response) {
        return response.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("etag"))
                .findFirst().orElseThrow().getValue().get(0);
    }
}
