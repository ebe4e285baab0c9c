package dev.keepsake.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public API of a module as text, one line per public type and member, compared with a
 * listing committed beside the module's pom ({@code api/<artifact>.api}) so that every public
 * change shows up in review. Packages named {@code internal} are not API. JVM only.
 *
 * <p>{@code -Dkeepsake.api.update=true} rewrites the listing instead of comparing.
 */
public final class PublicApi {

    private PublicApi() {
    }

    /**
     * Compares the public API of the classes in {@code classes} with {@code listing}.
     *
     * @throws AssertionError naming every added and removed line when they differ
     */
    public static void check(Path classes, Path listing) {
        String actual = String.join("\n", describe(classes)) + "\n";
        try {
            if (Boolean.getBoolean("keepsake.api.update")) {
                Files.createDirectories(listing.toAbsolutePath().getParent());
                Files.writeString(listing, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.isRegularFile(listing) ? Files.readString(listing, StandardCharsets.UTF_8) : "";
            if (!expected.equals(actual)) {
                TreeSet<String> added = new TreeSet<>(actual.lines().toList());
                TreeSet<String> removed = new TreeSet<>(expected.lines().toList());
                added.removeAll(expected.lines().toList());
                removed.removeAll(actual.lines().toList());
                StringBuilder message = new StringBuilder("the public API differs from " + listing
                        + "; if the change is intended, rerun with -Dkeepsake.api.update=true"
                        + " and commit the listing\n");
                added.forEach(line -> message.append("+ ").append(line).append('\n'));
                removed.forEach(line -> message.append("- ").append(line).append('\n'));
                throw new AssertionError(message.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the API lines of every public type under {@code classes}, sorted by type. */
    static List<String> describe(Path classes) {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.startsWith("dev/keepsake/") && f.endsWith(".class"))
                    .filter(f -> !f.endsWith("package-info.class") && !f.endsWith("module-info.class"))
                    .forEach(f -> names.add(f.substring(0, f.length() - 6).replace('/', '.')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, PublicApi.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load " + name, e);
            }
            if (isApi(type)) {
                lines.add(header(type));
                lines.addAll(members(type));
            }
        }
        return lines;
    }

    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
                || type.getPackageName().contains(".internal")) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String header(Class<?> type) {
        StringBuilder line = new StringBuilder(type.toGenericString());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            line.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        for (int i = 0; i < interfaces.length; i++) {
            line.append(i == 0 ? (type.isInterface() ? " extends " : " implements ") : ", ")
                    .append(interfaces[i].getTypeName());
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            TreeSet<String> sorted = new TreeSet<>();
            for (Class<?> p : permitted) {
                sorted.add(p.getName());
            }
            line.append(" permits ").append(String.join(", ", sorted));
        }
        return line.toString();
    }

    private static List<String> members(Class<?> type) {
        TreeSet<String> members = new TreeSet<>();
        boolean extensible = !Modifier.isFinal(type.getModifiers()) && type.getPermittedSubclasses() == null;
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c, extensible)) {
                members.add(member(type, c.toGenericString()));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m, extensible) && !m.isBridge()) {
                members.add(member(type, m.toGenericString()));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f, extensible)) {
                members.add(member(type, f.toGenericString()));
            }
        }
        return new ArrayList<>(members);
    }

    /** Drops what is not API ({@code synchronized}) and the declaring type before a member's name. */
    private static String member(Class<?> type, String description) {
        return "  " + description.replace("synchronized ", "").replace(" " + type.getTypeName() + ".", " ");
    }

    private static boolean visible(Member member, boolean extensible) {
        int modifiers = member.getModifiers();
        return !member.isSynthetic()
                && (Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers)));
    }
}
