import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The parts of a GraalVM distribution that .ci/native-check needs and Maven Central does not
 * publish: the module exports the {@code native-image} launcher grants the builder, stand-in C
 * headers for the builder's layout queries, and the {@code native-image} driver's translation of
 * its options into the builder's. A single-file program, run with the JDK that runs the builder:
 *
 * <pre>
 * java NativeBuilder.java exports                        > exports.args
 * java NativeBuilder.java headers SVM_SOURCES_JAR INCLUDE_DIR
 * java NativeBuilder.java command NATIVE_SOURCES_DIR OUT_DIR   (writes jvm.args0, builder.args0: NUL-separated)
 * </pre>
 */
public class NativeBuilder {

    /** The builder's modules, which reach into the JDK's internals. */
    private static final String BUILDER_MODULES = String.join(",", "org.graalvm.nativeimage.base",
            "org.graalvm.nativeimage.builder", "org.graalvm.nativeimage.pointsto", "org.graalvm.nativeimage.objectfile",
            "org.graalvm.nativeimage.configure", "jdk.graal.compiler", "org.graalvm.nativeimage.driver");

    public static void main(String[] args) throws IOException {
        String command = args.length > 0 ? args[0] : "";
        switch (command) {
            case "exports" -> exports();
            case "headers" -> headers(Path.of(args[1]), Path.of(args[2]));
            case "command" -> command(Path.of(args[1]), Path.of(args[2]));
            default -> {
                System.err.println("usage: NativeBuilder exports | headers SVM_SOURCES_JAR DIR | command NATIVE_SOURCES OUT");
                System.exit(2);
            }
        }
    }

    /** Every package of every system module that is not exported to everyone, opened up to the builder. */
    private static void exports() {
        ModuleFinder.ofSystem().findAll().stream().map(m -> m.descriptor())
                .sorted(Comparator.comparing(ModuleDescriptor::name)).forEach(module -> {
                    Set<String> public_ = module.exports().stream().filter(e -> !e.isQualified())
                            .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
                    new TreeSet<>(module.packages()).stream().filter(p -> !public_.contains(p)).forEach(
                            p -> System.out.println("--add-exports=" + module.name() + "/" + p + "=" + BUILDER_MODULES));
                });
    }

    // ------------------------------------------------------------------------------------------
    // Stand-in headers. GraalVM ships C headers whose struct layouts and constants the builder
    // reads by compiling small query programs. They are not on Maven Central, but the Java side of
    // each (@CStruct/@CField/@CConstant declarations in svm's sources) says what they declare.
    // Layout only: good for compiling Java code against them, not for a working executable.
    // ------------------------------------------------------------------------------------------

    private static final Map<String, String> HEADERS = Map.of(
            "com/oracle/svm/core/amd64/AMD64LibCHelper.java", "amd64cpufeatures.h",
            "com/oracle/svm/core/aarch64/AArch64LibCHelper.java", "aarch64cpufeatures.h",
            "com/oracle/svm/core/riscv64/RISCV64LibCHelper.java", "riscv64cpufeatures.h",
            "com/oracle/svm/core/c/locale/LocaleCHelper.java", "svm_locale.h");
    private static final Pattern CONSTANT = Pattern.compile("@CConstant\\s+static\\s+native\\s+int\\s+(\\w+)\\s*\\(\\)");
    private static final Pattern STRUCT = Pattern.compile(
            "@CStruct(?:\\((?:value\\s*=\\s*)?\"(\\w+)\"\\))?[^{;]*?interface\\s+(\\w+)[^{]*\\{");
    private static final Pattern FIELD = Pattern.compile(
            "@CField(?:\\((?:(?:value\\s*=\\s*)?\"(\\w+)\")?\\))?\\s+(?:@\\w+\\s+)*(\\w+)\\s+(\\w+)\\s*\\(\\s*\\)");
    private static final Map<String, String> C_TYPES = Map.of("boolean", "char", "byte", "char", "short", "short",
            "int", "int", "long", "long", "CCharPointer", "char *");

    private static void headers(Path sourcesJar, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (ZipFile zip = new ZipFile(sourcesJar.toFile())) {
            for (Map.Entry<String, String> h : HEADERS.entrySet()) {
                ZipEntry entry = zip.getEntry(h.getKey());
                if (entry == null) {
                    throw new IllegalStateException(h.getKey() + " not in " + sourcesJar);
                }
                String java = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                List<String> lines = new ArrayList<>(List.of("#pragma once"));
                Matcher c = CONSTANT.matcher(java);
                for (int i = 0; c.find(); i++) {
                    lines.add("#define " + c.group(1) + " " + i);
                }
                Matcher s = STRUCT.matcher(java);
                while (s.find()) {
                    String body = java.substring(s.end(), closingBrace(java, s.end()));
                    Set<String> fields = new java.util.LinkedHashSet<>();
                    Matcher f = FIELD.matcher(body);
                    while (f.find()) {
                        String name = f.group(1) != null ? f.group(1) : f.group(3);
                        fields.add("    " + C_TYPES.getOrDefault(f.group(2), "long") + " " + name + ";");
                    }
                    lines.add("typedef struct {");
                    lines.addAll(fields);
                    lines.add("} " + (s.group(1) != null ? s.group(1) : s.group(2)) + ";");
                }
                if (lines.size() == 1) {
                    throw new IllegalStateException("no C declarations found in " + h.getKey());
                }
                Files.write(dir.resolve(h.getValue()), lines);
            }
        }
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    // ------------------------------------------------------------------------------------------
    // Option translation: what the native-image driver does with native-image.args, the runner
    // jar's manifest and the META-INF/native-image metadata of every class-path entry.
    // ------------------------------------------------------------------------------------------

    /** Driver options with a value, by the builder option they set (svm's @APIOption declarations). */
    private static final Map<String, String> VALUED = Map.ofEntries(Map.entry("--features", "Features"),
            Map.entry("--link-at-build-time", "LinkAtBuildTime"),
            Map.entry("--link-at-build-time-paths", "LinkAtBuildTimePaths"),
            Map.entry("--enable-url-protocols", "EnableURLProtocols"),
            Map.entry("--enable-monitoring", "EnableMonitoringFeatures"),
            Map.entry("--enable-native-access", "EnableNativeAccess"), Map.entry("-march", "MicroArchitecture"),
            Map.entry("--parallelism", "NumberOfThreads"),
            Map.entry("--trace-class-initialization", "TraceClassInitialization"),
            Map.entry("--trace-object-instantiation", "TraceObjectInstantiation"));
    /** Driver flags, by the builder options they stand for (none: the flag only steers the driver). */
    private static final Map<String, List<String>> FLAGS = Map.ofEntries(
            Map.entry("--no-fallback", List.of("-H:FallbackThreshold=0")),
            Map.entry("--link-at-build-time", List.of("-H:LinkAtBuildTime=")),
            Map.entry("--enable-http", List.of("-H:EnableURLProtocols=http")),
            Map.entry("--enable-https", List.of("-H:EnableURLProtocols=https")),
            Map.entry("--enable-monitoring", List.of("-H:EnableMonitoringFeatures=all")),
            Map.entry("--install-exit-handlers", List.of("-H:+InstallExitHandlers")),
            Map.entry("--static", List.of("-H:+StaticExecutable")), Map.entry("-g", List.of("-H:GenerateDebugInfo=2")),
            Map.entry("--enable-all-security-services", List.of()), Map.entry("--verbose", List.of()),
            Map.entry("--report-unsupported-elements-at-runtime", List.of()),
            Map.entry("--allow-incomplete-classpath", List.of()));
    /** The metadata files of META-INF/native-image, by the builder option that reads them as resources. */
    private static final Map<String, String> METADATA = Map.of("reachability-metadata.json",
            "ReachabilityMetadataResources", "jni-config.json", "JNIConfigurationResources", "reflect-config.json",
            "ReflectionConfigurationResources", "resource-config.json", "ResourceConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources", "serialization-config.json",
            "SerializationConfigurationResources", "predefined-classes-config.json",
            "PredefinedClassesConfigurationResources", "serialization-deny-config.json",
            "SerializationDenyConfigurationResources");

    private record Exclusion(Pattern jar, Pattern resource) {
    }

    private static final class Translation {
        final List<String> jvm = new ArrayList<>();
        final List<String> builder = new ArrayList<>();
        final List<Exclusion> exclusions = new ArrayList<>();
        final List<String> positional = new ArrayList<>();
        String jar;

        void translate(List<String> args, String where) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                if (a.startsWith("-J")) {
                    jvm.add(a.substring(2));
                } else if (a.startsWith("-H:")) {
                    builder.add(a);
                } else if (a.equals("--exclude-config")) {
                    exclusions.add(new Exclusion(Pattern.compile(args.get(++i)), Pattern.compile(args.get(++i))));
                } else if (key.equals("--initialize-at-build-time") || key.equals("--initialize-at-run-time")) {
                    String kind = key.endsWith("build-time") ? "build_time" : "run_time";
                    builder.add("-H:ClassInitialization=" + (value == null || value.isEmpty() ? ":" + kind
                            : Arrays.stream(value.split(",")).map(c -> c + ":" + kind).collect(Collectors.joining(","))));
                } else if (key.equals("--add-modules")) {
                    jvm.add(a);
                } else if (key.equals("--add-exports") || key.equals("--add-opens")) {
                    builder.add("-H:" + (key.equals("--add-exports") ? "AddExports" : "AddOpens") + "="
                            + (value != null ? value : args.get(++i)));
                } else if (a.equals("-jar")) {
                    jar = args.get(++i);
                } else if (value == null && FLAGS.containsKey(a)) {
                    builder.addAll(FLAGS.get(a));
                } else if (value != null && VALUED.containsKey(key)) {
                    builder.add("-H:" + VALUED.get(key) + "=" + value);
                } else if (a.startsWith("-O") && a.length() > 2) {
                    builder.add("-H:Optimize=" + a.substring(2));
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException(where + ": the native-image option " + a
                            + " is not translated by .ci/native/NativeBuilder.java; add it to its tables");
                } else {
                    positional.add(a);
                }
            }
        }
    }

    private static void command(Path sources, Path out) throws IOException {
        Translation t = new Translation();
        // Quarkus means native-image.args to be run as `native-image $(cat native-image.args)`.
        String argsFile = Files.readString(sources.resolve("native-image.args")).trim();
        t.translate(List.of(argsFile.split("\\s+")), "native-image.args");
        if (t.jar == null) {
            throw new IllegalArgumentException("native-image.args has no -jar");
        }
        Path jar = sources.resolve(t.jar);
        List<Path> classPath = new ArrayList<>(List.of(jar));
        String main;
        try (JarFile runner = new JarFile(jar.toFile())) {
            Attributes manifest = runner.getManifest().getMainAttributes();
            main = manifest.getValue(Attributes.Name.MAIN_CLASS);
            String cp = manifest.getValue(Attributes.Name.CLASS_PATH);
            if (cp != null) {
                for (String entry : cp.trim().split("\\s+")) {
                    classPath.add(jar.getParent().resolve(entry).normalize());
                }
            }
            addModuleAccess(runner.getManifest(), t.jvm);
        }
        String name = t.positional.isEmpty() ? jar.getFileName().toString().replaceFirst("\\.jar$", "")
                : t.positional.get(0);
        int properties = 0;
        int metadata = 0;
        for (Path entry : classPath) {
            for (var e : metadataOf(entry).entrySet()) {
                String resource = e.getKey();
                if (t.exclusions.stream().anyMatch(x -> x.jar().matcher(entry.toString()).find()
                        && x.resource().matcher("/" + resource).find())) {
                    continue;
                }
                String base = resource.substring(resource.lastIndexOf('/') + 1);
                if (base.equals("native-image.properties")) {
                    properties++;
                    java.util.Properties p = new java.util.Properties();
                    p.load(new java.io.ByteArrayInputStream(e.getValue()));
                    String dir = resource.substring(0, resource.lastIndexOf('/'));
                    t.translate(split(p.getProperty("Args", ""), dir), entry.getFileName() + "!/" + resource);
                    t.jvm.addAll(split(p.getProperty("JavaArgs", ""), dir));
                } else if (METADATA.containsKey(base)) {
                    metadata++;
                    t.builder.add("-H:" + METADATA.get(base) + "=" + resource);
                }
            }
        }
        List<String> builder = new ArrayList<>(List.of("-imagecp",
                classPath.stream().map(Path::toString).collect(Collectors.joining(":")), "-H:Name=" + name,
                "-H:Class=" + main));
        builder.addAll(t.builder);
        Files.createDirectories(out);
        Files.writeString(out.resolve("jvm.args0"), t.jvm.stream().map(a -> a + "\0").collect(Collectors.joining()));
        Files.writeString(out.resolve("builder.args0"), builder.stream().map(a -> a + "\0").collect(Collectors.joining()));
        Files.writeString(out.resolve("image-name"), name);
        System.err.printf("native-check: image %s, main %s, %d class-path entries, %d native-image.properties, "
                + "%d metadata files%n", name, main, classPath.size(), properties, metadata);
    }

    private static void addModuleAccess(Manifest manifest, List<String> jvm) {
        for (String kind : List.of("Add-Opens", "Add-Exports")) {
            String value = manifest.getMainAttributes().getValue(kind);
            if (value != null) {
                for (String pkg : value.trim().split("\\s+")) {
                    jvm.add("--" + kind.toLowerCase() + "=" + pkg + "=ALL-UNNAMED");
                }
            }
        }
    }

    /** META-INF/native-image/** of a jar or directory: resource name to content. */
    private static Map<String, byte[]> metadataOf(Path entry) throws IOException {
        Map<String, byte[]> found = new java.util.TreeMap<>();
        if (Files.isDirectory(entry)) {
            Path root = entry.resolve("META-INF/native-image");
            if (Files.isDirectory(root)) {
                try (var files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        found.put(entry.relativize(f).toString(), Files.readAllBytes(f));
                    }
                }
            }
        } else if (Files.isRegularFile(entry)) {
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                for (ZipEntry e : zip.stream().filter(e -> !e.isDirectory()
                        && e.getName().startsWith("META-INF/native-image/")).toList()) {
                    try (InputStream in = zip.getInputStream(e)) {
                        found.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return found;
    }

    /** A native-image.properties value split as the driver splits it: on blanks, quotes kept together, ${.} its folder. */
    private static List<String> split(String value, String dir) {
        List<String> split = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(value.replace("${.}", dir));
        while (m.find()) {
            split.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return split;
    }
}
