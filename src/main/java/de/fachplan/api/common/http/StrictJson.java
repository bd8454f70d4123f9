package de.fachplan.api.common.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.openapitools.jackson.nullable.JsonNullable;
import org.openapitools.jackson.nullable.JsonNullableModule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

import de.fachplan.api.generated.model.AccommodationFacilityPageDto;
import de.fachplan.api.generated.model.ActionFieldPageDto;
import de.fachplan.api.generated.model.CapacityChartDto;
import de.fachplan.api.generated.model.CapacityRecordPageDto;
import de.fachplan.api.generated.model.CitywideFigurePageDto;
import de.fachplan.api.generated.model.ForecastScenarioPageDto;
import de.fachplan.api.generated.model.ScenarioShortfallDto;
import de.fachplan.api.generated.model.ApiKeyPageDto;
import de.fachplan.api.generated.model.AuditEventPageDto;
import de.fachplan.api.generated.model.DistrictPageDto;
import de.fachplan.api.generated.model.GuidelinePageDto;
import de.fachplan.api.generated.model.IndicatorPageDto;
import de.fachplan.api.generated.model.IndicatorValuePageDto;
import de.fachplan.api.generated.model.MeasurePageDto;
import de.fachplan.api.generated.model.OrganisationPageDto;
import de.fachplan.api.generated.model.PlanPageDto;
import de.fachplan.api.generated.model.StatusChangePageDto;
import de.fachplan.api.generated.model.TargetGroupPageDto;
import de.fachplan.api.generated.model.WebhookDeliveryPageDto;
import de.fachplan.api.generated.model.WebhookSubscriptionPageDto;

/**
 * Request bodies are read as strictly as the contract is written: no number or boolean turns
 * silently into a string or back, and {@code null} is accepted only where the contract allows it.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new JsonNullableModule());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("explicit-null-members").setDeserializerModifier(new NullableMembers()));
        mapper.addMixIn(CapacityChartDto.class, CapacityChartMixIn.class);
        mapper.addMixIn(ScenarioShortfallDto.class, ScenarioShortfallMixIn.class);
        for (Class<?> page : PAGES) {
            mapper.addMixIn(page, PageMixIn.class);
        }
    }

    /**
     * Only the members the contract marks nullable accept {@code null}: the generated models hold
     * those in a {@link JsonNullable}. Any other member sent as {@code null} is refused and named,
     * so that a merge patch never reads "clear the title" as "leave it".
     */
    static final class NullableMembers extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                BeanDeserializerBuilder builder) {
            if (!description.getBeanClass().getPackageName().startsWith(GENERATED_MODELS)) {
                return builder;
            }
            List<SettableBeanProperty> properties = new ArrayList<>();
            builder.getProperties().forEachRemaining(properties::add);
            for (SettableBeanProperty property : properties) {
                if (!isJsonNullable(description.getBeanClass(), property.getName())) {
                    builder.addOrReplaceProperty(new RefusingNull(property), true);
                }
            }
            return builder;
        }

        private static boolean isJsonNullable(Class<?> type, String member) {
            try {
                return type.getDeclaredField(member).getType() == JsonNullable.class;
            } catch (NoSuchFieldException e) {
                return false;
            }
        }
    }

    static final class RefusingNull extends SettableBeanProperty.Delegating {
        RefusingNull(SettableBeanProperty delegate) {
            super(delegate);
        }

        @Override
        protected SettableBeanProperty withDelegate(SettableBeanProperty delegate) {
            return new RefusingNull(delegate);
        }

        @Override
        public void deserializeAndSet(JsonParser parser, DeserializationContext context, Object instance)
                throws IOException {
            refuseNull(parser, context);
            super.deserializeAndSet(parser, context, instance);
        }

        @Override
        public Object deserializeSetAndReturn(JsonParser parser, DeserializationContext context, Object instance)
                throws IOException {
            refuseNull(parser, context);
            return super.deserializeSetAndReturn(parser, context, instance);
        }

        private void refuseNull(JsonParser parser, DeserializationContext context) throws InvalidNullException {
            if (parser.hasToken(JsonToken.VALUE_NULL)) {
                throw InvalidNullException.from(context, getFullName(), getType());
            }
        }
    }

    /** Absent members are omitted, but a list's {@code nextCursor} is always there: null on the last page. */
    abstract static class PageMixIn {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract String getNextCursor();
    }

    private static final String GENERATED_MODELS = "de.fachplan.api.generated.model";

    private static final List<Class<?>> PAGES = List.of(PlanPageDto.class, ActionFieldPageDto.class, GuidelinePageDto.class,
            TargetGroupPageDto.class, DistrictPageDto.class, OrganisationPageDto.class, MeasurePageDto.class,
            StatusChangePageDto.class, ApiKeyPageDto.class, AuditEventPageDto.class, WebhookSubscriptionPageDto.class,
            WebhookDeliveryPageDto.class, AccommodationFacilityPageDto.class, CapacityRecordPageDto.class,
            CitywideFigurePageDto.class, ForecastScenarioPageDto.class, IndicatorPageDto.class, IndicatorValuePageDto.class);

    /** A chart names its last actual month and its first shortfall, null when there is none. */
    abstract static class CapacityChartMixIn {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract String getLastActualMonth();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract String getFirstShortfall();
    }

    abstract static class ScenarioShortfallMixIn {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract String getFirstShortfall();
    }
}
