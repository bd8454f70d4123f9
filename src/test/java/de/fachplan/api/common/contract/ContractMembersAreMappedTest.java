package de.fachplan.api.common.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import de.fachplan.api.generated.model.MeasureDto;
import de.fachplan.api.support.CompiledClasses;

/**
 * Every member of every schema of the contract is read or written by the service, or is named
 * below with the reason why not. The generated models are the contract's schemas; the service's
 * compiled classes are searched for a call of each member's getter or setter (also as a method
 * reference). A member added to the contract and forgotten in its mapper fails here, whatever the
 * other tests send.
 */
class ContractMembersAreMappedTest {

    private static final String MODEL_PACKAGE = MeasureDto.class.getPackageName();

    /** Members the service deliberately neither reads nor writes through their accessors, and why. */
    private static final Map<String, String> DELIBERATELY_UNMAPPED = Map.of();

    @Test
    void everyContractMemberIsReadOrWrittenByTheService() {
        Path classes = CompiledClasses.directoryOf(MeasureDto.class);
        Set<String> called = calledMethods(classes);
        Set<String> forgotten = new TreeSet<>();
        for (Class<?> model : models(classes)) {
            for (Field field : model.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String member = model.getSimpleName() + "." + field.getName();
                if (DELIBERATELY_UNMAPPED.containsKey(member)) {
                    continue;
                }
                String owner = model.getName().replace('.', '/');
                String property = field.getName().startsWith("_") ? field.getName().substring(1) : field.getName();
                String capital = Character.toUpperCase(property.charAt(0)) + property.substring(1);
                boolean used = Stream.of("get" + capital, "is" + capital, "set" + capital, property,
                        "add" + capital + "Item").anyMatch(name -> called.contains(owner + "." + name));
                if (!used) {
                    forgotten.add(member);
                }
            }
        }
        assertTrue(forgotten.isEmpty(), "contract members that no mapper reads or writes (map them, or name them in"
                + " DELIBERATELY_UNMAPPED with the reason): " + forgotten);
    }

    @Test
    void theSearchSeesAMemberThatNobodyCalls() {
        Set<String> called = calledMethods(CompiledClasses.directoryOf(MeasureDto.class));
        assertTrue(called.contains(MeasureDto.class.getName().replace('.', '/') + ".setTitle"));
        assertTrue(!called.contains(MeasureDto.class.getName().replace('.', '/') + ".hashCode"),
                "the generated models' own methods must not count as the service's calls");
    }

    private static List<Class<?>> models(Path classes) {
        return CompiledClasses.topLevel(classes, classes.resolve(MODEL_PACKAGE.replace('.', '/'))).stream()
                .filter(c -> !c.isEnum() && !c.isInterface()).toList();
    }

    /** {@code owner/Name.method} of every call and method reference in the service's own classes. */
    private static Set<String> calledMethods(Path classes) {
        Set<String> called = new HashSet<>();
        List<Path> files = CompiledClasses.files(classes.resolve("de/fachplan/api"),
                classes.resolve("de/fachplan/api/generated"));
        CompiledClasses.visitMethods(files, () -> new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                called.add(owner + "." + method);
            }

            @Override
            public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... arguments) {
                for (Object argument : arguments) {
                    if (argument instanceof Handle handle) {
                        called.add(handle.getOwner() + "." + handle.getName());
                    }
                }
            }
        });
        return called;
    }
}
