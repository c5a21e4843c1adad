package org.flotilla.provider.ec2;

import org.flotilla.config.Ec2Settings;

import java.util.ArrayList;
import java.util.List;

/**
 * One way to ask for instances: market, instance type, and a subnet or a zone (or neither).
 * A role's placements are tried in order as capacity runs out: the next subnet or zone first,
 * then the next instance type, and spot before on-demand with spot-then-on-demand.
 */
record Placement(boolean spot, String type, String subnet, String zone) {

    static List<Placement> of(Ec2Settings s, String role) {
        List<Boolean> markets = switch (s.market()) {
            case ON_DEMAND -> List.of(false);
            case SPOT -> List.of(true);
            case SPOT_THEN_ON_DEMAND -> List.of(true, false);
        };
        List<Placement> out = new ArrayList<>();
        for (boolean spot : markets) {
            for (String type : s.typesOf(role)) {
                if (!s.subnets().isEmpty()) s.subnets().forEach(subnet -> out.add(new Placement(spot, type, subnet, null)));
                else if (!s.zones().isEmpty()) s.zones().forEach(zone -> out.add(new Placement(spot, type, null, zone)));
                else out.add(new Placement(spot, type, null, null));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return (spot ? "spot " : "on-demand ") + type + (subnet != null ? " in " + subnet : zone != null ? " in " + zone : "");
    }
}
