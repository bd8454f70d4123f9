package de.fachplan.api.common.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openapitools.jackson.nullable.JsonNullable;

class PatchTest {

    @Test
    void aMemberNotSentLeavesTheValueAsItIs() {
        Patch<String> patch = Patch.of(JsonNullable.undefined());
        assertTrue(patch.isAbsent());
        assertEquals("kept", patch.applyTo("kept"));
        assertThrows(IllegalStateException.class, patch::value);
    }

    @Test
    void aMemberSentAsNullClearsTheValue() {
        Patch<String> patch = Patch.of(JsonNullable.of(null));
        assertTrue(patch.isPresent());
        assertNull(patch.applyTo("old"));
        assertNull(patch.value());
    }

    @Test
    void aMemberSentWithAValueReplacesIt() {
        Patch<String> patch = Patch.of(JsonNullable.of("new"));
        assertEquals("new", patch.applyTo("old"));
        assertEquals(Patch.set("new"), patch);
    }

    @Test
    void aCreateRequestThatLeavesAMemberOutDoesNotClearIt() {
        assertTrue(Patch.ofNullable(null).isAbsent());
        assertEquals("x", Patch.ofNullable("x").value());
    }

    @Test
    void mappingKeepsAbsentAndClearedAndMapsOnlyAValue() {
        assertTrue(Patch.<String>absent().map(String::length).isAbsent());
        Patch<Integer> cleared = Patch.<String>clear().map(String::length);
        assertTrue(cleared.isPresent());
        assertNull(cleared.value());
        assertEquals(3, Patch.set("abc").map(String::length).value());
        assertNull(Patch.set("abc").map(v -> null).value(), "a mapping to nothing clears");
    }

    @Test
    void onlyAValueReachesIfSetWhileIfPresentAlsoSeesTheClear() {
        List<String> seen = new ArrayList<>();
        Patch.<String>clear().ifSet(seen::add);
        Patch.<String>absent().ifPresent(seen::add);
        assertTrue(seen.isEmpty());
        Patch.<String>clear().ifPresent(seen::add);
        Patch.set("v").ifSet(seen::add);
        assertEquals(java.util.Arrays.asList(null, "v"), seen);
        assertFalse(Patch.clear().equals(Patch.absent()));
    }
}
