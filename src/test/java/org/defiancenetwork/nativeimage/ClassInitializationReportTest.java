package org.defiancenetwork.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import dev.onvoid.webrtc.PeerConnectionFactory;

/**
 * Reads the class-initialization report of GraalVM's image builder (-H:+PrintClassInitialization)
 * over our application. Quarkus has the builder run every class's static initializer unless told
 * otherwise, and what ran there is frozen into the executable: a library loaded in the builder is
 * never loaded in the executable, and a random generator, thread or socket made there is wrong or
 * refused. The builder reports none of the first kind as an error, so this test does.
 *
 * <p>Needs the report, so it runs in {@code .ci/native-check} (which passes its path as
 * {@value #REPORT}), not in a plain {@code ./mvnw verify}.
 */
@EnabledIfSystemProperty(named = ClassInitializationReportTest.REPORT, matches = ".+",
        disabledReason = "needs the image builder's report: run .ci/native-check")
class ClassInitializationReportTest {

    static final String REPORT = "defiance.native-check.report";

    private static final String RUN_TIME = "RUN_TIME";
    /** Static state that must be made when the executable runs, never while the image is built. */
    private static final List<Class<?>> RUN_TIME_ONLY = List.of(Random.class, SplittableRandom.class, Thread.class,
            ExecutorService.class, Timer.class, Socket.class, ServerSocket.class, DatagramSocket.class,
            NetworkChannel.class, Selector.class);

    /** Class name to initialization kind (BUILD_TIME, RUN_TIME, SIMULATED). */
    private static Map<String, String> report;
    private static List<String> lines;

    @BeforeAll
    static void readReport() throws IOException {
        Path file = Path.of(System.getProperty(REPORT));
        lines = Files.readAllLines(file);
        report = new LinkedHashMap<>();
        // "Class or Package Name, Initialization Kind, Reasons"
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split(", ", 3);
            if (columns.length >= 2) {
                report.put(columns[0], columns[1]);
            }
        }
        assertTrue(report.keySet().stream().anyMatch(c -> c.startsWith("org.defiancenetwork.")),
                "none of our classes is in " + file);
    }

    @Test
    void webrtcLoadsItsNativeLibraryWhenTheExecutableRuns() {
        List<String> loaders = webrtcClasses().filter(ClassInitializationReportTest::loadsNativeLibrary)
                .map(c -> CompiledClasses.binaryName(c.name)).toList();
        assertTrue(loaders.contains(PeerConnectionFactory.class.getName()), "webrtc-java's loader classes: " + loaders);
        assertTrue(report.containsKey(PeerConnectionFactory.class.getName()),
                "PeerConnectionFactory is not in the image: is WebRTC ingest still reachable?");
        List<String> wrong = new ArrayList<>();
        for (String loader : loaders) {
            String kind = report.get(loader);
            if (kind != null && !kind.equals(RUN_TIME)) {
                wrong.add(loader + " is " + kind);
            }
            System.out.println("report: " + reportLine(loader).orElse(loader + " (not in the image)"));
        }
        assertEquals(List.of(), wrong, "webrtc-java classes that load its native library must be initialized at run "
                + "time, or the executable never loads it (--initialize-at-run-time=dev.onvoid.webrtc in "
                + "application.properties)");
    }

    @Test
    void noWebrtcStaticInitializerRunsInTheBuilder() {
        List<String> ranInBuilder = report.entrySet().stream()
                .filter(e -> e.getKey().startsWith("dev.onvoid.webrtc.") && e.getValue().equals("BUILD_TIME"))
                .filter(e -> CompiledClasses.onClassPath(e.getKey()).flatMap(CompiledClasses::staticInitializer).isPresent())
                .map(e -> reportLine(e.getKey()).orElseThrow()).toList();
        assertEquals(List.of(), ranInBuilder, "webrtc-java static initializers that ran in the image builder");
    }

    @Test
    void ourClassesHoldingRandomsThreadsSocketsOrLibrariesAreInitializedAtRunTime() {
        Map<String, String> hazards = new LinkedHashMap<>();
        for (ClassNode type : CompiledClasses.ours()) {
            for (FieldNode field : type.fields) {
                runTimeOnlyType(field).ifPresent(held -> hazards.put(CompiledClasses.binaryName(type.name),
                        "static " + held.getSimpleName() + " " + field.name));
            }
            if (loadsNativeLibrary(type)) {
                hazards.put(CompiledClasses.binaryName(type.name), "loads a native library in its static initializer");
            }
        }
        List<String> wrong = new ArrayList<>();
        hazards.forEach((type, why) -> {
            String kind = report.get(type);
            if (kind != null && !kind.equals(RUN_TIME)) {
                wrong.add(type + " (" + why + ") is " + kind);
            }
        });
        assertEquals(List.of(), wrong, "Make these run-time objects (a bean field, as platform.Ids does), or list "
                + "the class in --initialize-at-run-time (application.properties)");
    }

    private static Optional<Class<?>> runTimeOnlyType(FieldNode field) {
        Type type = Type.getType(field.desc);
        if ((field.access & org.objectweb.asm.Opcodes.ACC_STATIC) == 0 || type.getSort() != Type.OBJECT) {
            return Optional.empty();
        }
        Class<?> declared = CompiledClasses.load(type.getClassName());
        return RUN_TIME_ONLY.stream().filter(c -> c.isAssignableFrom(declared)).findFirst();
    }

    private static boolean loadsNativeLibrary(ClassNode type) {
        Optional<MethodNode> init = CompiledClasses.staticInitializer(type);
        if (init.isEmpty()) {
            return false;
        }
        for (AbstractInsnNode insn : init.get().instructions) {
            if (insn instanceof MethodInsnNode call && (call.name.equals("loadLibrary")
                    || call.name.equals("load") && (call.owner.equals("java/lang/System") || call.owner.equals("java/lang/Runtime")))) {
                return true;
            }
        }
        return false;
    }

    private static Stream<ClassNode> webrtcClasses() {
        try {
            Path jar = Path.of(PeerConnectionFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile file = new JarFile(jar.toFile())) {
                return file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.contains("-"))
                        .map(n -> CompiledClasses.onClassPath(n.substring(0, n.length() - 6).replace('/', '.')))
                        .flatMap(Optional::stream).toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> reportLine(String className) {
        return lines.stream().filter(l -> l.startsWith(className + ", ")).findFirst();
    }
}
