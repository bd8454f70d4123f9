package de.fachplan.api.common.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import de.fachplan.api.generated.model.MeasureDto;
import de.fachplan.api.support.CompiledClasses;

/**
 * The service copies enum values between the contract's enums and its own by name
 * ({@code MeasureStatusDto.fromValue(status.name())}, {@code MeasureStatus.valueOf(dto.value())}).
 * Such a copy throws at run time for a constant the other side lacks. This test finds every copy in
 * the compiled classes (the two calls stand next to each other in the bytecode) and checks that
 * every constant of the source has its counterpart in the target, so that adding a value to the
 * contract or to a domain enum fails here, not in production.
 */
class EnumCopiesAreCompleteTest {

    /** A copy: a constant of {@code source} read by {@code read}, then turned into {@code target} by {@code make}. */
    record Copy(String source, String read, String target, String make) {
    }

    @Test
    void everyEnumCopiedByNameHasEveryConstantOnTheOtherSide() {
        Set<Copy> copies = copies();
        assertFalse(copies.isEmpty(), "the search found no enum copies at all; it must be broken");
        Set<String> missing = new TreeSet<>();
        for (Copy copy : copies) {
            Class<?> source = CompiledClasses.load(copy.source());
            Class<?> target = CompiledClasses.load(copy.target());
            if (!source.isEnum() || !target.isEnum()) {
                continue;
            }
            Set<String> produced = Arrays.stream(source.getEnumConstants()).map(c -> text(c, copy.read()))
                    .collect(Collectors.toSet());
            Set<String> accepted = Arrays.stream(target.getEnumConstants())
                    .map(c -> text(c, copy.make().equals("valueOf") ? "name" : "value")).collect(Collectors.toSet());
            for (String value : produced) {
                if (!accepted.contains(value)) {
                    missing.add(source.getSimpleName() + "." + value + " has no counterpart in " + target.getSimpleName());
                }
            }
        }
        assertTrue(missing.isEmpty(), missing.toString());
    }

    private static String text(Object constant, String accessor) {
        if (accessor.equals("name")) {
            return ((Enum<?>) constant).name();
        }
        // The generated enums spell their wire value as value(), getValue() or only toString().
        for (String name : List.of(accessor, "value", "getValue")) {
            try {
                Method method = constant.getClass().getMethod(name);
                return String.valueOf(method.invoke(constant));
            } catch (NoSuchMethodException e) {
                continue;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(constant.getClass() + "." + name, e);
            }
        }
        return constant.toString();
    }

    private static Set<Copy> copies() {
        Path classes = CompiledClasses.directoryOf(MeasureDto.class);
        List<Path> files = CompiledClasses.files(classes.resolve("de/fachplan/api"),
                classes.resolve("de/fachplan/api/generated"));
        Set<Copy> copies = new HashSet<>();
        CompiledClasses.visitMethods(files, () -> new MethodVisitor(Opcodes.ASM9) {
            private String[] previous;

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                boolean reads = opcode == Opcodes.INVOKEVIRTUAL && desc.equals("()Ljava/lang/String;")
                        && Set.of("name", "value", "getValue", "toString").contains(method);
                boolean makes = opcode == Opcodes.INVOKESTATIC && desc.startsWith("(Ljava/lang/String;)")
                        && Set.of("valueOf", "fromValue").contains(method);
                if (makes && previous != null) {
                    copies.add(new Copy(previous[0].replace('/', '.'), previous[1], owner.replace('/', '.'), method));
                }
                previous = reads ? new String[] { owner, method } : null;
            }

            @Override
            public void visitInsn(int opcode) {
                previous = null;
            }

            @Override
            public void visitVarInsn(int opcode, int variable) {
                previous = null;
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                previous = null;
            }
        });
        return copies;
    }
}
