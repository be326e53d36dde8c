package org.defiancenetwork.nativeimage;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Our types that Jackson turns into JSON or back outside a REST resource's signature (Quarkus
 * registers those itself), found in our bytecode. A native executable can (de)serialize a record
 * only if it is registered for reflection, and nothing fails until the first message at run time.
 *
 * <p>Where a payload is found: a value passed to a method that serializes (EventJson, PageEvents,
 * a websockets-next sender, an ObjectMapper, a JAX-RS Response entity, a messaging Emitter), or
 * to a method of ours that hands its parameter on to one; a class literal passed to one
 * ({@code json.read(text, ChatEvent.class)}); the message and return types of websockets-next
 * callbacks; classes annotated {@code @RegisterForReflection} and the records nested in them.
 * Then everything Jackson reaches from those: record components (type arguments included), the
 * permitted subclasses of a sealed type and {@code @JsonSubTypes}. A value that travels through a
 * field typed {@code Object} is not followed; annotate such records yourself.
 */
final class JacksonPayloads {

    private static final String OURS = "org/defiancenetwork/";

    /** Payload class to why it is one (the first reason found). */
    private final Map<Class<?>, String> payloads = new LinkedHashMap<>();
    /** Methods of ours that hand a parameter on to a serializer: "owner.name(desc)" to parameter indexes. */
    private final Map<String, Set<Integer>> forwarding = new HashMap<>();

    static Map<Class<?>, String> find(List<ClassNode> ours) {
        JacksonPayloads found = new JacksonPayloads();
        Map<Class<?>, String> seeds = new LinkedHashMap<>();
        // Forwarding methods are found by the same scan; repeat until no new one turns up.
        int known;
        do {
            known = found.forwarding.values().stream().mapToInt(Set::size).sum();
            for (ClassNode type : ours) {
                for (MethodNode method : type.methods) {
                    found.scanCalls(type, method, (payload, why) -> seeds.putIfAbsent(payload, why));
                }
            }
        } while (found.forwarding.values().stream().mapToInt(Set::size).sum() != known);
        for (ClassNode type : ours) {
            Class<?> c = CompiledClasses.load(CompiledClasses.binaryName(type.name));
            RegisterForReflection annotation = c.getAnnotation(RegisterForReflection.class);
            if (annotation != null) {
                seeds.putIfAbsent(c, "annotated @RegisterForReflection");
                for (Class<?> nested : c.getDeclaredClasses()) {
                    seeds.putIfAbsent(nested, "nested in " + c.getSimpleName() + ", which is annotated @RegisterForReflection");
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (isAnnotated(m, "OnTextMessage", "OnBinaryMessage")) {
                    for (java.lang.reflect.Type parameter : m.getGenericParameterTypes()) {
                        classesIn(parameter, p -> seeds.putIfAbsent(p, "received by " + where(c, m)));
                    }
                }
                if (isAnnotated(m, "OnTextMessage", "OnBinaryMessage", "OnOpen", "OnError")) {
                    classesIn(m.getGenericReturnType(), p -> seeds.putIfAbsent(p, "returned by " + where(c, m)));
                }
            }
        }
        seeds.forEach(found::add);
        return found.payloads;
    }

    /** Adds a payload and what Jackson reaches from it. */
    private void add(Class<?> type, String why) {
        if (!type.getName().startsWith(OURS.replace('/', '.')) || type.isEnum() || payloads.containsKey(type)
                || !(type.isRecord() || type.isSealed() || type.isInterface() || Modifier.isAbstract(type.getModifiers()))) {
            return;
        }
        payloads.put(type, why);
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                classesIn(component.getGenericType(), c -> add(c, "component " + component.getName() + " of "
                        + type.getSimpleName() + ", " + why));
            }
        }
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                add(sub, "permitted subclass of " + type.getSimpleName() + ", " + why);
            }
        }
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        if (subTypes != null) {
            for (JsonSubTypes.Type sub : subTypes.value()) {
                add(sub.value(), "@JsonSubTypes of " + type.getSimpleName() + ", " + why);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Call sites: the static type of each value handed to a serializer, by data-flow analysis of
    // the method's bytecode (ASM's analyzer, with the verifier's type inference).
    // ------------------------------------------------------------------------------------------

    private static boolean serializes(MethodInsnNode call) {
        String owner = call.owner;
        return owner.equals("org/defiancenetwork/platform/events/EventJson")
                || owner.equals("org/defiancenetwork/platform/pages/PageEvents") && call.name.equals("publish")
                || owner.startsWith("io/quarkus/websockets/next/") && call.name.startsWith("sendText")
                || owner.startsWith("com/fasterxml/jackson/databind/Object")
                || owner.startsWith("jakarta/ws/rs/core/Response") && (call.name.equals("ok") || call.name.equals("entity"))
                || owner.startsWith("org/jboss/resteasy/reactive/RestResponse") && (call.name.equals("ok") || call.name.equals("entity"))
                || owner.endsWith("/Emitter") && call.name.startsWith("send");
    }

    private void scanCalls(ClassNode type, MethodNode method, BiConsumer<Class<?>, String> seed) {
        if (method.instructions.size() == 0) {
            return;
        }
        Frame<Flow>[] frames;
        try {
            frames = new Analyzer<>(new FlowInterpreter(type)).analyze(type.name, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("cannot analyze " + type.name + "." + method.name, e);
        }
        Map<Integer, Integer> parameterOfLocal = parameterIndexes(method);
        for (int i = 0; i < method.instructions.size(); i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            if (!(insn instanceof MethodInsnNode call) || frames[i] == null) {
                continue;
            }
            Set<Integer> forwarded = forwarding.get(call.owner + "." + call.name + call.desc);
            boolean serializer = serializes(call);
            if (!serializer && forwarded == null) {
                continue;
            }
            Type[] arguments = Type.getArgumentTypes(call.desc);
            Frame<Flow> frame = frames[i];
            for (int a = 0; a < arguments.length; a++) {
                String declared = arguments[a].getDescriptor();
                boolean payloadArgument = serializer
                        ? declared.equals("Ljava/lang/Object;") || declared.equals("Ljava/lang/Class;")
                        : forwarded.contains(a);
                if (!payloadArgument) {
                    continue;
                }
                Flow value = frame.getStack(frame.getStackSize() - arguments.length + a);
                String why = "passed to " + simpleName(call.owner) + "." + call.name + " in "
                        + CompiledClasses.binaryName(type.name) + "." + method.name;
                Type payload = value.classConstant != null ? value.classConstant : value.basic.getType();
                if (payload != null && payload.getSort() == Type.OBJECT && payload.getInternalName().startsWith(OURS)) {
                    seed.accept(CompiledClasses.load(payload.getClassName()), why);
                }
                for (int local : value.locals) {
                    Integer parameter = parameterOfLocal.get(local);
                    if (parameter != null) {
                        forwarding.computeIfAbsent(type.name + "." + method.name + method.desc, k -> new HashSet<>()).add(parameter);
                    }
                }
            }
        }
    }

    private static Map<Integer, Integer> parameterIndexes(MethodNode method) {
        Map<Integer, Integer> indexes = new HashMap<>();
        int local = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        Type[] parameters = Type.getArgumentTypes(method.desc);
        for (int p = 0; p < parameters.length; p++) {
            indexes.put(local, p);
            local += parameters[p].getSize();
        }
        return indexes;
    }

    /** A value: its static type, the local variables (parameters) it may have come from, a class literal. */
    static final class Flow implements org.objectweb.asm.tree.analysis.Value {
        final BasicValue basic;
        final Set<Integer> locals;
        final Type classConstant;

        Flow(BasicValue basic, Set<Integer> locals, Type classConstant) {
            this.basic = basic;
            this.locals = locals;
            this.classConstant = classConstant;
        }

        @Override
        public int getSize() {
            return basic.getSize();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Flow f && f.basic.equals(basic) && f.locals.equals(locals)
                    && Objects.equals(f.classConstant, classConstant);
        }

        @Override
        public int hashCode() {
            return Objects.hash(basic, locals, classConstant);
        }
    }

    /** The verifier's types, plus where a reference came from: a parameter (kept through copies and casts) or a class literal. */
    private static final class FlowInterpreter extends Interpreter<Flow> {
        private final SimpleVerifier types;

        FlowInterpreter(ClassNode type) {
            super(Opcodes.ASM9);
            List<Type> interfaces = type.interfaces.stream().map(Type::getObjectType).toList();
            types = new SimpleVerifier(Type.getObjectType(type.name),
                    type.superName == null ? null : Type.getObjectType(type.superName), interfaces,
                    (type.access & Opcodes.ACC_INTERFACE) != 0);
            types.setClassLoader(JacksonPayloads.class.getClassLoader());
        }

        private static Flow plain(BasicValue basic) {
            return basic == null ? null : new Flow(basic, Set.of(), null);
        }

        private static List<BasicValue> basics(List<? extends Flow> values) {
            return values.stream().map(v -> v.basic).toList();
        }

        @Override
        public Flow newValue(Type type) {
            return plain(types.newValue(type));
        }

        @Override
        public Flow newParameterValue(boolean isInstanceMethod, int local, Type type) {
            return new Flow(types.newValue(type), Set.of(local), null);
        }

        @Override
        public Flow newOperation(AbstractInsnNode insn) throws AnalyzerException {
            Type literal = insn instanceof LdcInsnNode ldc && ldc.cst instanceof Type t && t.getSort() == Type.OBJECT ? t : null;
            return new Flow(types.newOperation(insn), Set.of(), literal);
        }

        @Override
        public Flow copyOperation(AbstractInsnNode insn, Flow value) throws AnalyzerException {
            return new Flow(types.copyOperation(insn, value.basic), value.locals, value.classConstant);
        }

        @Override
        public Flow unaryOperation(AbstractInsnNode insn, Flow value) throws AnalyzerException {
            BasicValue result = types.unaryOperation(insn, value.basic);
            if (insn.getOpcode() == Opcodes.CHECKCAST && result != null) {
                return new Flow(result, value.locals, value.classConstant);
            }
            return plain(result);
        }

        @Override
        public Flow binaryOperation(AbstractInsnNode insn, Flow a, Flow b) throws AnalyzerException {
            return plain(types.binaryOperation(insn, a.basic, b.basic));
        }

        @Override
        public Flow ternaryOperation(AbstractInsnNode insn, Flow a, Flow b, Flow c) throws AnalyzerException {
            return plain(types.ternaryOperation(insn, a.basic, b.basic, c.basic));
        }

        @Override
        public Flow naryOperation(AbstractInsnNode insn, List<? extends Flow> values) throws AnalyzerException {
            return plain(types.naryOperation(insn, basics(values)));
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, Flow value, Flow expected) throws AnalyzerException {
            types.returnOperation(insn, value.basic, expected.basic);
        }

        @Override
        public Flow merge(Flow a, Flow b) {
            BasicValue type = types.merge(a.basic, b.basic);
            Set<Integer> locals = a.locals;
            if (!a.locals.containsAll(b.locals)) {
                locals = new HashSet<>(a.locals);
                locals.addAll(b.locals);
            }
            Type constant = Objects.equals(a.classConstant, b.classConstant) ? a.classConstant : null;
            Flow merged = new Flow(type, locals, constant);
            return merged.equals(a) ? a : merged;
        }
    }

    // ------------------------------------------------------------------------------------------

    private static boolean isAnnotated(Method m, String... websocketAnnotations) {
        return java.util.Arrays.stream(m.getDeclaredAnnotations()).map(a -> a.annotationType().getName())
                .anyMatch(n -> java.util.Arrays.stream(websocketAnnotations).anyMatch(s -> n.equals("io.quarkus.websockets.next." + s)));
    }

    /** Our classes named in a generic type: {@code Uni<List<Foo>>} gives Foo. */
    private static void classesIn(java.lang.reflect.Type type, java.util.function.Consumer<Class<?>> found) {
        List<java.lang.reflect.Type> todo = new ArrayList<>(List.of(type));
        while (!todo.isEmpty()) {
            java.lang.reflect.Type t = todo.remove(todo.size() - 1);
            if (t instanceof Class<?> c) {
                if (c.isArray()) {
                    todo.add(c.getComponentType());
                } else if (c.getName().startsWith(OURS.replace('/', '.'))) {
                    found.accept(c);
                }
            } else if (t instanceof ParameterizedType p) {
                todo.add(p.getRawType());
                todo.addAll(List.of(p.getActualTypeArguments()));
            } else if (t instanceof GenericArrayType a) {
                todo.add(a.getGenericComponentType());
            } else if (t instanceof WildcardType w) {
                todo.addAll(List.of(w.getUpperBounds()));
            }
        }
    }

    private static String where(Class<?> c, Method m) {
        return c.getName() + "." + m.getName();
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
