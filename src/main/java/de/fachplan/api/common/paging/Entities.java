package de.fachplan.api.common.paging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Puts entities loaded with {@code id in (...)} back into the order of a page of ids. */
public final class Entities {

    private Entities() {
    }

    public static <E> List<E> inOrder(List<? extends E> loaded, List<UUID> ids, Function<E, UUID> id) {
        Map<UUID, E> byId = loaded.stream().collect(Collectors.toMap(id, e -> e));
        // A row deleted between the id query and the load is simply no longer on the page.
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }
}
