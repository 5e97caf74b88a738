package io.jrunc.spec.json;

import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute;
import java.lang.classfile.attribute.RuntimeVisibleParameterAnnotationsAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime-visible annotations of a class, of one of its constructors and of that
 * constructor's parameters, read from the class's own class file with the class-file API
 * ({@code java.lang.classfile}) instead of by reflection.
 *
 * <p>Why not reflection: {@code getDeclaredAnnotations()} and {@code getParameterAnnotations()}
 * return annotation instances, and every annotation instance is a dynamic proxy whose class the
 * JDK generates at run time, one per annotation interface (JsonProperty, JsonInclude, Uint32...).
 * JDK 25's AOT cache cannot store proxy classes, so the 7 that the spec's records need were generated
 * again on every {@code create} (docs/performance.md, change 12). The class file gives the same
 * facts as plain data, and the class-file API's classes are in jrunc's AOT caches already (FFM
 * spins its downcall stubs with it).
 *
 * <p>What is read is what the class file holds, which is what reflection would show and no more: the
 * RuntimeVisibleAnnotations of the class and of the constructor, and the constructor's
 * RuntimeVisibleParameterAnnotations. An element an annotation does not give explicitly is not in
 * the class file (its default is the interface's), so {@link Found#elements} holds only those given.
 */
record DeclaredAnnotations(List<Found> onClass, List<Found> onConstructor, List<List<Found>> onParameters) {
    /**
     * One annotation as written: its interface's descriptor ({@code Lcom/fasterxml/.../JsonProperty;})
     * and its explicitly given elements; a string element's value is its String, any other value is
     * the class-file API's {@link AnnotationValue}.
     */
    record Found(String descriptor, Map<String, Object> elements) {
        boolean is(Class<?> annotationType) {
            return is(annotationType.descriptorString());
        }

        boolean is(String annotationDescriptor) {
            return descriptor.equals(annotationDescriptor);
        }
    }

    /**
     * The annotations of {@code type}, of its constructor taking {@code parameterTypes} and of that
     * constructor's parameters (one list per parameter); empty when the class file cannot be found
     * or read, is not {@code type}'s, or has no such constructor.
     */
    static Optional<DeclaredAnnotations> of(Class<?> type, Class<?>[] parameterTypes) {
        byte[] bytes = ClassFileBytes.of(type);
        if (bytes == null) return Optional.empty();
        try {
            ClassModel model = ClassFile.of().parse(bytes);
            if (!model.thisClass().asInternalName().equals(type.getName().replace('.', '/'))) return Optional.empty();
            MethodModel constructor = constructor(model, parameterTypes);
            if (constructor == null) return Optional.empty();
            List<List<Found>> onParameters = new ArrayList<>(parameterTypes.length);
            Optional<RuntimeVisibleParameterAnnotationsAttribute> parameterAttribute =
                    constructor.findAttribute(Attributes.runtimeVisibleParameterAnnotations());
            if (parameterAttribute.isPresent()) {
                List<List<Annotation>> perParameter = parameterAttribute.get().parameterAnnotations();
                // A class file may list fewer parameters than the descriptor (javac does for some
                // synthetic ones); which is which is then a guess, so none is made.
                if (perParameter.size() != parameterTypes.length) return Optional.empty();
                for (List<Annotation> annotations : perParameter) onParameters.add(found(annotations));
            } else {
                for (int i = 0; i < parameterTypes.length; i++) onParameters.add(List.of());
            }
            return Optional.of(new DeclaredAnnotations(
                    found(model.findAttribute(Attributes.runtimeVisibleAnnotations())
                            .map(RuntimeVisibleAnnotationsAttribute::annotations).orElse(List.of())),
                    found(constructor.findAttribute(Attributes.runtimeVisibleAnnotations())
                            .map(RuntimeVisibleAnnotationsAttribute::annotations).orElse(List.of())),
                    List.copyOf(onParameters)));
        } catch (IllegalArgumentException e) {
            // The class-file API's answer to a malformed class file.
            return Optional.empty();
        }
    }

    private static MethodModel constructor(ClassModel model, Class<?>[] parameterTypes) {
        StringBuilder descriptor = new StringBuilder("(");
        for (Class<?> p : parameterTypes) descriptor.append(p.descriptorString());
        descriptor.append(")V");
        for (MethodModel m : model.methods()) {
            if (m.methodName().equalsString("<init>") && m.methodType().equalsString(descriptor.toString())) return m;
        }
        return null;
    }

    private static List<Found> found(List<Annotation> annotations) {
        List<Found> out = new ArrayList<>(annotations.size());
        for (Annotation a : annotations) {
            Map<String, Object> elements = new LinkedHashMap<>();
            for (AnnotationElement e : a.elements()) {
                elements.put(e.name().stringValue(),
                        e.value() instanceof AnnotationValue.OfString s ? s.stringValue() : e.value());
            }
            out.add(new Found(a.className().stringValue(), elements));
        }
        return List.copyOf(out);
    }
}
