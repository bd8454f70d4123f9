package de.fachplan.api.common.paging;

import java.util.List;

/** One page of a list and the cursor of the next page ({@code null} on the last). */
public record Page<T>(List<T> items, String nextCursor) {
}
