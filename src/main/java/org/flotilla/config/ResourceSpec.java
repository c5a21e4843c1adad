package org.flotilla.config;

/**
 * One file pushed to the hosts of a role.
 *
 * @param source path under the resources directory; a *.ftl source is a FreeMarker template
 * @param dest   remote path (relative paths are under the login directory)
 * @param mode   permission bits, e.g. 0600
 * @param owner  "user" or "user:group" the file is installed as (through sudo unless the login is root); empty: the installer's
 */
public record ResourceSpec(String source, String dest, int mode, String owner) {

    public ResourceSpec(String source, String dest, int mode) {
        this(source, dest, mode, "");
    }

    public boolean isTemplate() {
        return source.endsWith(".ftl");
    }
}
