package de.fachplan.api.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import de.fachplan.api.generated.model.MeasureDto;
import de.fachplan.api.support.CompiledClasses;

/**
 * The build leaves bean validation off the generated models that no request reaches (their schemas
 * are marked x-response-only by src/build/MarkResponseOnlySchemas.java): Hibernate Validator builds
 * the metadata of every constrained class when the service starts, and nothing validates a response.
 * This test checks that rule from the other side, in the generated code: the models that the
 * parameters of a generated operation reach, directly or through their members, are exactly the
 * models that carry constraints. A request model without its constraints would accept requests the
 * contract forbids; a constrained response model costs start time for nothing.
 */
class OnlyRequestModelsCarryConstraintsTest {

    private static final String VALIDATION_PACKAGE = "jakarta.validation";

    @Test
    void theModelsThatRequestsReachAreExactlyTheModelsWithConstraints() {
        Path classes = CompiledClasses.directoryOf(MeasureDto.class);
        String model = MeasureDto.class.getPackageName();
        List<Class<?>> models = CompiledClasses.topLevel(classes, classes.resolve(model.replace('.', '/'))).stream()
                .filter(type -> !type.isEnum()).toList();
        List<Class<?>> operations = CompiledClasses.topLevel(classes,
                classes.resolve("de/fachplan/api/generated/api"));

        Set<Class<?>> reached = reachedFromParameters(operations, model);
        Set<String> requestModelsWithoutConstraints = new TreeSet<>();
        Set<String> constrainedModelsNoRequestReaches = new TreeSet<>();
        for (Class<?> type : models) {
            boolean constrained = carriesConstraints(type);
            if (reached.contains(type) && !constrained) {
                requestModelsWithoutConstraints.add(type.getSimpleName());
            }
            if (!reached.contains(type) && constrained) {
                constrainedModelsNoRequestReaches.add(type.getSimpleName());
            }
        }

        assertTrue(reached.size() > 10 && models.size() > reached.size(),
                "the walk found " + reached.size() + " request models of " + models.size() + "; it must be broken");
        assertEquals(Set.of(), requestModelsWithoutConstraints,
                "requests reach these models, but they carry no constraints: their schemas were marked x-response-only");
        assertEquals(Set.of(), constrainedModelsNoRequestReaches,
                "no request reaches these models, yet they carry constraints: only named component schemas are "
                        + "marked x-response-only; is the schema inline?");
    }

    /** The models a parameter of an operation reaches: its type, and through getters every member's type. */
    private static Set<Class<?>> reachedFromParameters(List<Class<?>> operations, String modelPackage) {
        Set<Class<?>> reached = new HashSet<>();
        Deque<Type> pending = new ArrayDeque<>();
        operations.stream().flatMap(api -> Stream.of(api.getDeclaredMethods()))
                .forEach(method -> pending.addAll(List.of(method.getGenericParameterTypes())));
        while (!pending.isEmpty()) {
            Type type = pending.pop();
            if (type instanceof ParameterizedType parameterized) {
                pending.addAll(List.of(parameterized.getActualTypeArguments()));
            } else if (type instanceof WildcardType wildcard) {
                pending.addAll(List.of(wildcard.getUpperBounds()));
            } else if (type instanceof Class<?> plain && plain.getPackageName().equals(modelPackage)
                    && !plain.isEnum() && reached.add(plain)) {
                Stream.of(plain.getDeclaredMethods()).filter(OnlyRequestModelsCarryConstraintsTest::isGetter)
                        .forEach(getter -> pending.add(getter.getGenericReturnType()));
            }
        }
        return reached;
    }

    private static boolean isGetter(Method method) {
        return Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                && method.getParameterCount() == 0 && method.getName().startsWith("get");
    }

    /** Whether any member of {@code type} carries a bean-validation annotation, type arguments included. */
    private static boolean carriesConstraints(Class<?> type) {
        return Stream.of(type.getDeclaredFields()).anyMatch(field -> annotated(field) || annotated(field.getAnnotatedType()))
                || Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
                        .anyMatch(OnlyRequestModelsCarryConstraintsTest::annotated);
    }

    private static boolean annotated(Executable executable) {
        return annotated((AnnotatedElement) executable) || annotated(executable.getAnnotatedReturnType())
                || Stream.of(executable.getParameters()).anyMatch(p -> annotated(p) || annotated(p.getAnnotatedType()));
    }

    private static boolean annotated(AnnotatedType type) {
        if (annotated((AnnotatedElement) type)) {
            return true;
        }
        return type instanceof AnnotatedParameterizedType parameterized
                && Stream.of(parameterized.getAnnotatedActualTypeArguments())
                        .anyMatch(OnlyRequestModelsCarryConstraintsTest::annotated);
    }

    private static boolean annotated(AnnotatedElement element) {
        return Stream.of(element.getAnnotations()).map(Annotation::annotationType)
                .anyMatch(annotation -> annotation.getPackageName().startsWith(VALIDATION_PACKAGE));
    }
}
