package de.fachplan.api.controlling.imports;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.fachplan.api.common.csv.CsvReader;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.controlling.values.IndicatorValueService;
import de.fachplan.api.controlling.values.ValueBatches;
import de.fachplan.api.controlling.values.ValueState;

/** Reads an uploaded CSV of values into batch items; a row whose fields cannot be read is refused on its own. */
public final class ValueUpload {

    /**
     * More rows than this in one upload is a 413. Uploads above the import-job threshold run as a
     * job; the body limit (1 MB) usually ends an upload first, this bounds one of very short rows.
     */
    static final int MAX_ROWS = 50_000;

    private static final Set<String> COLUMNS = Set.of("reference", "indicator", "period", "district", "value", "note",
            "state");
    private static final List<String> REQUIRED = List.of("indicator", "period", "value");

    public final List<ValueBatches.Item> items = new ArrayList<>();
    /** Per item, why it was refused before being applied, or {@code null}. */
    public final List<ValueBatches.Refused> refused = new ArrayList<>();

  public   ValueUpload(String body) {
        try {
            read(new CsvReader(new StringReader(body == null ? "" : body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(CsvReader csv) throws IOException {
        List<String> header = csv.next();
        if (header == null) {
            throw ProblemException.badRequest("#/body", "the upload is empty; send a header row and data rows");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (!COLUMNS.contains(name)) {
                throw ProblemException.badRequest("#/body/row/1", "unknown column '" + name + "'; the columns are "
                        + String.join(", ", COLUMNS.stream().sorted().toList()));
            }
            if (columns.put(name, i) != null) {
                throw ProblemException.badRequest("#/body/row/1", "column '" + name + "' appears twice");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw ProblemException.badRequest("#/body/row/1", "the column '" + required + "' is missing");
            }
        }
        for (List<String> record = csv.next(); record != null; record = csv.next()) {
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            if (items.size() == MAX_ROWS) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An upload holds at most " + MAX_ROWS
                        + " rows; split it into several uploads.");
            }
            row(csv.row(), record, columns);
        }
    }

    private void row(int row, List<String> record, Map<String, Integer> columns) {
        List<FieldError> errors = new ArrayList<>();
        if (record.size() != columns.size()) {
            errors.add(new FieldError("/", "has " + record.size() + " fields; the header has " + columns.size()));
        }
        BigDecimal value = null;
        String text = field(record, columns, "value");
        if (text == null) {
            errors.add(new FieldError("/value", "is missing"));
        } else {
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                errors.add(new FieldError("/value", "is not a number (use a point for decimals): " + text));
            }
        }
        ValueState state = null;
        String stateText = field(record, columns, "state");
        if (stateText != null) {
            if (stateText.equals("DRAFT") || stateText.equals("SUBMITTED")) {
                state = ValueState.valueOf(stateText);
            } else {
                errors.add(new FieldError("/state", "must be DRAFT or SUBMITTED"));
            }
        }
        for (String required : List.of("indicator", "period")) {
            if (field(record, columns, required) == null) {
                errors.add(new FieldError("/" + required, "is missing"));
            }
        }
        items.add(new ValueBatches.Item(field(record, columns, "reference"), row,
                new IndicatorValueService.NewValue(field(record, columns, "indicator"), field(record, columns, "period"),
                        field(record, columns, "district"), value, field(record, columns, "note"), state)));
        refused.add(errors.isEmpty() ? null : new ValueBatches.Refused(ProblemException.invalid(errors)));
    }

    private static String field(List<String> record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index).strip();
        return value.isEmpty() ? null : value;
    }
}
