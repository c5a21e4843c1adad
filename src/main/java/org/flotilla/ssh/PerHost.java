package org.flotilla.ssh;

/** What one host gave back from work done on every host: a value, or why it has none. */
public record PerHost<T>(T value, String failure) {

    public static <T> PerHost<T> done(T value) {
        return new PerHost<>(value, null);
    }

    public static <T> PerHost<T> failed(String why) {
        return new PerHost<>(null, why);
    }

    public boolean ok() {
        return failure == null;
    }
}
