package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The link between a role's hosts and the lab bridge (lab.links.&lt;role&gt;), the same both ways
 * as a real link is: each figure applies to what the host sends and to what it receives. A figure
 * left out (0) leaves that side of the link as fast and clean as the machine makes it.
 *
 * @param rate   bits per second each way; 0: not limited
 * @param loss   percent of packets lost each way (0.01 % steps)
 * @param delay  added each way (needs the kernel's sch_netem)
 * @param jitter random variation of the delay (needs a delay)
 */
public record LabLink(String role, long rate, BigDecimal loss, Duration delay, Duration jitter) {
    private static final Pattern RATE = Pattern.compile("(\\d+)\\s*(bit|kbit|mbit|gbit)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(\\.\\d{1,2})?)\\s*%");
    private static final long[] SCALE = {1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] UNITS = {"gbit", "mbit", "kbit", "bit"};

    /** Every role's link, by role; a link for a role the config does not define is refused at its line. */
    static Map<String, LabLink> all(Config c, Set<String> roles) {
        ConfigObject links = c.getObject("lab.links");
        Map<String, LabLink> out = new TreeMap<>();
        for (String role : links.keySet()) {
            String path = "lab.links." + role;
            if (!roles.contains(role)) {
                throw ConfigError.at(links.get(role).origin(), path, "no role '" + role + "' (roles: " + String.join(", ", roles.stream().sorted().toList()) + ")");
            }
            Config link = c.getConfig("lab.links." + ConfigSources.quoteKey(role)).withFallback(c.getConfig("link-defaults"));
            out.put(role, of(role, link, path));
        }
        return out;
    }

    private static LabLink of(String role, Config link, String path) {
        long rate = rate(link, path + ".rate");
        BigDecimal loss = loss(link, path + ".loss");
        Duration delay = Durations.notNegative(link, "delay", path + ".delay");
        Duration jitter = Durations.notNegative(link, "jitter", path + ".jitter");
        if (!jitter.isZero() && delay.isZero()) {
            throw ConfigError.at(link.getValue("jitter").origin(), path + ".jitter", "varies a delay: set " + path + ".delay too");
        }
        if (jitter.compareTo(delay) > 0) {
            throw ConfigError.at(link.getValue("jitter").origin(), path + ".jitter", "is more than the delay (" + link.getValue("delay").unwrapped()
                    + "): a packet cannot arrive before it was sent");
        }
        return new LabLink(role, rate, loss, delay, jitter);
    }

    private static long rate(Config link, String path) {
        String text = link.getString("rate").trim();
        if (text.isEmpty()) return 0;
        Matcher m = RATE.matcher(text.toLowerCase());
        if (!m.matches()) {
            throw ConfigError.at(link.getValue("rate").origin(), path, "expected a rate like 100mbit (units bit, kbit, mbit, gbit), got '" + Shown.of(text) + "'");
        }
        long scale = SCALE[List.of(UNITS).indexOf(m.group(2))];
        long rate;
        try {
            rate = Math.multiplyExact(Long.parseLong(m.group(1)), scale);
        } catch (ArithmeticException | NumberFormatException e) {
            rate = -1;
        }
        // tc takes rates up to 2^64 bit/s, yet above 100gbit no veth on any machine would follow
        if (rate <= 0 || rate > 100 * SCALE[0]) {
            throw ConfigError.at(link.getValue("rate").origin(), path, "must be above 0bit and at most 100gbit, got '" + text + "'");
        }
        return rate;
    }

    private static BigDecimal loss(Config link, String path) {
        String text = link.getString("loss").trim();
        if (text.isEmpty()) return BigDecimal.ZERO;
        Matcher m = PERCENT.matcher(text);
        if (!m.matches()) {
            throw ConfigError.at(link.getValue("loss").origin(), path, "expected a percentage like 2% or 0.5% (at most two decimals), got '" + Shown.of(text) + "'");
        }
        BigDecimal loss = new BigDecimal(m.group(1));
        if (loss.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ConfigError.at(link.getValue("loss").origin(), path, "must be between 0% and 100%, got '" + text + "'");
        }
        return loss;
    }

    /** Whether the link adds a delay (netem's work, which not every kernel has). */
    public boolean delays() {
        return !delay.isZero();
    }

    /** Packets lost out of 10000 (the loss in 0.01 % steps). */
    public int lossPer10000() {
        return loss.movePointRight(2).intValueExact();
    }

    /** The rate as tc and a user write it: 100mbit, 1gbit, 1500kbit. */
    public String rateText() {
        for (int i = 0; i < SCALE.length; i++) {
            if (rate % SCALE[i] == 0) return rate / SCALE[i] + UNITS[i];
        }
        throw new IllegalStateException("unreachable: every rate is whole bits");
    }

    /** The link as the report's header lists it: "100mbit, 2% loss, 20ms delay, 5ms jitter"; "unshaped" with no figure. */
    public String shown() {
        List<String> parts = new ArrayList<>();
        if (rate > 0) parts.add(rateText());
        if (loss.signum() > 0) parts.add(loss.stripTrailingZeros().toPlainString() + "% loss");
        if (delays()) parts.add(millis(delay) + " delay");
        if (!jitter.isZero()) parts.add(millis(jitter) + " jitter");
        return parts.isEmpty() ? "unshaped" : String.join(", ", parts);
    }

    private static String millis(Duration d) {
        long us = d.toNanos() / 1000;
        return us % 1000 == 0 ? us / 1000 + "ms" : BigDecimal.valueOf(us, 3).stripTrailingZeros().toPlainString() + "ms";
    }
}
