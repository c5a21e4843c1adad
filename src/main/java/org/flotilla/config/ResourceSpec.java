package org.flotilla.config;

/**
 * One file pushed to the hosts of a role.
 *
 * @param source path under the resources directory; a *.ftl source is a FreeMarker template
 * @param dest   remote path (relative paths are under the login directory)
 * @param mode   permission bits, e.g. 0600
 */
public record ResourceSpec(String source, String dest, int mode) {

    public boolean isTemplate() {
        return source.endsWith(".ftl");
    }
}
