package de.fachplan.api.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.generated.model.MeasureDto;
import de.fachplan.api.support.CompiledClasses;

/**
 * The build leaves bean validation off the generated models that no request reaches (their schemas
 * are marked x-response-only by src/build/MarkResponseOnlySchemas.java): Hibernate Validator builds
 * the metadata of every constrained class when the service starts, and nothing validates a response.
 * This test checks that rule from the other side, in the generated code: no model that the
 * parameters of a generated operation reach, directly or through their members, was generated from
 * a marked schema (it would lose its constraints and accept requests the contract forbids), and no
 * other model carries constraints (a constrained response model costs start time for nothing). A
 * request model may still carry none: one whose members have no bounds the bean validation of the
 * generated code checks.
 */
class OnlyRequestModelsCarryConstraintsTest {

    private static final String VALIDATION_PACKAGE = "jakarta.validation";

    /** The copy of the contract the models are generated from, with its marks (see the pom). */
    private static final Path GENERATOR_CONTRACT = Path.of("target/generator-contract/openapi.json");
    private static final String MARK = "x-response-only";
    private static final String MODEL_SUFFIX = "Dto";

    @Test
    void noRequestModelIsMarkedResponseOnlyAndNoOtherModelCarriesConstraints() throws IOException {
        Path classes = CompiledClasses.directoryOf(MeasureDto.class);
        String model = MeasureDto.class.getPackageName();
        List<Class<?>> models = CompiledClasses.topLevel(classes, classes.resolve(model.replace('.', '/'))).stream()
                .filter(type -> !type.isEnum()).toList();
        List<Class<?>> operations = CompiledClasses.topLevel(classes,
                classes.resolve("de/fachplan/api/generated/api"));
        JsonNode schemas = new ObjectMapper().readTree(GENERATOR_CONTRACT.toFile()).path("components").path("schemas");

        Set<Class<?>> reached = reachedFromParameters(operations, model);
        Set<String> markedRequestModels = new TreeSet<>();
        Set<String> constrainedModelsNoRequestReaches = new TreeSet<>();
        for (Class<?> type : models) {
            String schema = type.getSimpleName().substring(0, type.getSimpleName().length() - MODEL_SUFFIX.length());
            if (reached.contains(type) && schemas.path(schema).has(MARK)) {
                markedRequestModels.add(type.getSimpleName());
            }
            if (!reached.contains(type) && carriesConstraints(type)) {
                constrainedModelsNoRequestReaches.add(type.getSimpleName());
            }
        }

        assertTrue(reached.size() > 10 && models.size() > reached.size(),
                "the walk found " + reached.size() + " request models of " + models.size() + "; it must be broken");
        assertTrue(reached.stream().filter(OnlyRequestModelsCarryConstraintsTest::carriesConstraints).count() > 10,
                "hardly any request model carries constraints; is bean validation off in the generator?");
        assertEquals(Set.of(), markedRequestModels,
                "requests reach these models, but their schemas were marked " + MARK + " and they lost their constraints");
        assertEquals(Set.of(), constrainedModelsNoRequestReaches,
                "no request reaches these models, yet they carry constraints: only named component schemas are "
                        + "marked " + MARK + "; is the schema inline?");
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
