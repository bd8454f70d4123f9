package de.fachplan.api.capacity.forecast;

import java.time.YearMonth;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.cache.CachedRepresentation;
import de.fachplan.api.common.cache.ChangesNothing;
import de.fachplan.api.common.csv.CsvNegotiation;
import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.generated.api.CapacityChartsApi;
import de.fachplan.api.generated.model.CapacityChartDto;
import de.fachplan.api.generated.model.CapacityWhatIfDto;
import de.fachplan.api.generated.model.ChartGranularityDto;
import de.fachplan.api.generated.model.DistrictCapacityDto;

/** The slide-3 chart (JSON or CSV), ad-hoc what-if forecasts and the public figures per district. */
public class CapacityChartsResource implements CapacityChartsApi {

    @Inject
    CapacityChartService charts;

    @Context
    HttpHeaders headers;

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    @CachedRepresentation
    public RestResponse<CapacityChartDto> getCapacityChart(String plan, String scenario, Integer version, String from,
            String to, ChartGranularityDto granularity, String ifNoneMatch) {
        CapacityChartService.Chart chart = charts.chart(plan, scenario, version, Period.month(from), Period.month(to),
                ForecastMapper.granularity(granularity));
        if (CsvNegotiation.preferred(headers)) {
            StreamingOutput body = out -> CapacityCsv.write(chart, out);
            return (RestResponse) RestResponse.ResponseBuilder.ok(body, CsvWriter.MEDIA_TYPE).build();
        }
        return RestResponse.ok(ForecastMapper.toDto(chart));
    }

    @Override
    @ChangesNothing
    public RestResponse<CapacityChartDto> computeCapacityWhatIf(CapacityWhatIfDto request, String plan) {
        return RestResponse.ok(ForecastMapper.toDto(charts.whatIf(plan, ForecastMapper.fromDto(request.getParameters()),
                YearMonth.parse(request.getFrom()), YearMonth.parse(request.getTo()),
                ForecastMapper.granularity(request.getGranularity()))));
    }

    @Override
    @CachedRepresentation
    public RestResponse<DistrictCapacityDto> getCapacityByDistrict(String from, String to, String plan, String ifNoneMatch) {
        YearMonth first = YearMonth.parse(from);
        YearMonth last = YearMonth.parse(to);
        List<CapacityChartService.DistrictMonth> months = charts.byDistrict(plan, first, last);
        return RestResponse.ok(ForecastMapper.toDto(first, last, charts.suppressionThreshold(), months));
    }
}
