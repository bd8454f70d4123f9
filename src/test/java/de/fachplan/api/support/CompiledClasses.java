package de.fachplan.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The compiled classes of a build directory, for tests that check the code as a whole (every
 * configuration mapping, every test class, every call of the service) instead of a hand-kept list.
 */
public final class CompiledClasses {

    private CompiledClasses() {
    }

    /** The directory the class files of {@code anchor} were loaded from (main or test classes). */
    public static Path directoryOf(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class files below {@code directory}, nested classes included, none below {@code excluded}. */
    public static List<Path> files(Path directory, Path... excluded) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> Stream.of(excluded).noneMatch(f::startsWith)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level classes below {@code directory}, loaded without running their initialisers. */
    public static List<Class<?>> topLevel(Path classes, Path directory) {
        return all(classes, directory).stream().filter(type -> type.getEnclosingClass() == null).toList();
    }

    /**
     * Every class below {@code directory}, nested ones included, none below {@code excluded}, loaded
     * without running their initialisers.
     */
    public static List<Class<?>> all(Path classes, Path directory, Path... excluded) {
        return files(directory, excluded).stream().map(f -> classes.relativize(f).toString())
                .<Class<?>>map(n -> load(n.substring(0, n.length() - ".class".length())
                        .replace(classes.getFileSystem().getSeparator(), ".")))
                .toList();
    }

    public static Class<?> load(String name) {
        try {
            return Class.forName(name, false, CompiledClasses.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    /** Hands every method of every class file to a fresh visitor from {@code visitor}. */
    public static void visitMethods(List<Path> files, Supplier<MethodVisitor> visitor) {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                            String[] exceptions) {
                        return visitor.get();
                    }
                }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
