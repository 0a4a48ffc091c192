package io.buzon.pop3.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A set of CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}, or a bare address). */
public final class NetworkRanges {

    private record Range(byte[] network, int prefix) {
    }

    private final List<Range> ranges;

    private NetworkRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static NetworkRanges none() {
        return new NetworkRanges(List.of());
    }

    /** Parses literal addresses only: no name is ever resolved. */
    public static NetworkRanges parse(List<String> specs) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            int slash = spec.indexOf('/');
            String address = slash < 0 ? spec : spec.substring(0, slash);
            byte[] network = literal(address);
            if (network == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + spec);
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + spec);
            }
            ranges.add(new Range(network, prefix));
        }
        return new NetworkRanges(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(String address) {
        if (address == null || ranges.isEmpty()) {
            return false;
        }
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.network().length == bytes.length && matches(range, bytes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Range range, byte[] address) {
        int full = range.prefix() / 8;
        for (int i = 0; i < full; i++) {
            if (range.network()[i] != address[i]) {
                return false;
            }
        }
        int rest = range.prefix() % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (range.network()[full] & mask) == (address[full] & mask);
    }

    private static byte[] literal(String address) {
        String value = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = value.contains(":") && value.matches("[0-9a-fA-F:.%a-zA-Z]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(value).getAddress();
            // An IPv4-mapped IPv6 address matches IPv4 ranges.
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
