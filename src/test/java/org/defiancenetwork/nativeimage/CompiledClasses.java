package org.defiancenetwork.nativeimage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The application's compiled classes (not the tests'), read as bytecode without initializing them. */
final class CompiledClasses {

    static final Path MAIN = Path.of("target", "classes");

    private CompiledClasses() {
    }

    /** Every class of ours under org.defiancenetwork. */
    static List<ClassNode> ours() {
        Path root = MAIN.resolve("org/defiancenetwork");
        try (Stream<Path> files = Files.walk(root)) {
            List<ClassNode> classes = files.filter(f -> f.toString().endsWith(".class")).sorted().map(f -> {
                try {
                    return read(Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            if (classes.isEmpty()) {
                throw new IllegalStateException("no compiled classes under " + root);
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + " (run from the project directory)", e);
        }
    }

    /** A class of any jar on the class path, by binary name; empty for array or hidden classes. */
    static Optional<ClassNode> onClassPath(String className) {
        try (InputStream in = CompiledClasses.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? Optional.empty() : Optional.of(read(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<MethodNode> staticInitializer(ClassNode type) {
        return type.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst();
    }

    /** Loads without running static initializers. */
    static Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, false, CompiledClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(binaryName + " is not on the class path", e);
        }
    }

    static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }
}
