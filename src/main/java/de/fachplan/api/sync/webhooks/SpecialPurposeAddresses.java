package de.fachplan.api.sync.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks a webhook may not reach: IANA's IPv4 and IPv6 special-purpose address
 * registries (all entries, also the few marked globally reachable: no webhook receiver lives in
 * an anycast relay or a benchmarking block), plus multicast and the deprecated site-local block.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo) are
 * judged by the IPv4 address they carry, since that is where the packets end up.
 */
public final class SpecialPurposeAddresses {

    private record Block(byte[] prefix, int bits, String name) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0/8", "this network"),
            block("10.0.0.0/8", "private-use"),
            block("100.64.0.0/10", "shared address space"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private-use"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation (TEST-NET-1)"),
            block("192.31.196.0/24", "AS112-v4"),
            block("192.52.193.0/24", "AMT"),
            block("192.88.99.0/24", "deprecated 6to4 relay anycast"),
            block("192.168.0.0/16", "private-use"),
            block("192.175.48.0/24", "direct delegation AS112 service"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation (TEST-NET-2)"),
            block("203.0.113.0/24", "documentation (TEST-NET-3)"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("255.255.255.255/32", "limited broadcast"));

    private static final List<Block> IPV6 = List.of(
            block("::/128", "unspecified address"),
            block("::1/128", "loopback"),
            block("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            block("100::/64", "discard-only"),
            block("100:0:0:1::/64", "dummy prefix"),
            block("2001::/23", "IETF protocol assignments"),
            block("2001:db8::/32", "documentation"),
            block("2620:4f:8000::/48", "direct delegation AS112 service"),
            block("3fff::/20", "documentation"),
            block("5f00::/16", "segment routing SIDs"),
            block("fc00::/7", "unique-local"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "deprecated site-local"),
            block("ff00::/8", "multicast"));

    private static final Block MAPPED = block("::ffff:0:0/96", "IPv4-mapped");
    private static final Block TRANSLATED = block("::ffff:0:0:0/96", "IPv4-translated");
    private static final Block COMPATIBLE = block("::/96", "IPv4-compatible");
    private static final Block NAT64 = block("64:ff9b::/96", "NAT64");
    private static final Block SIX_TO_FOUR = block("2002::/16", "6to4");
    private static final Block TEREDO = block("2001::/32", "Teredo");

    private SpecialPurposeAddresses() {
    }

    /** Why the address is not a public unicast one (e.g. "169.254.169.254 is link-local"), or empty. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ipv4(bytes).map(name -> address.getHostAddress() + " is " + name);
        }
        List<byte[]> embedded = embeddedIpv4(bytes);
        if (!embedded.isEmpty()) {
            for (byte[] v4 : embedded) {
                Optional<String> inner = ipv4(v4);
                if (inner.isPresent()) {
                    return Optional.of(address.getHostAddress() + " carries " + ipv4Text(v4) + ", which is " + inner.get());
                }
            }
            return Optional.empty();
        }
        return narrowest(IPV6, bytes).map(name -> address.getHostAddress() + " is " + name);
    }

    private static Optional<String> ipv4(byte[] bytes) {
        return narrowest(IPV4, bytes);
    }

    /** The name of the narrowest block that holds the address: 255.255.255.255 is broadcast, not just reserved. */
    private static Optional<String> narrowest(List<Block> blocks, byte[] address) {
        return blocks.stream().filter(b -> b.contains(address)).max(Comparator.comparingInt(Block::bits)).map(Block::name);
    }

    /**
     * The IPv4 addresses an IPv6 address carries, empty when it carries none. The unspecified
     * address and loopback look IPv4-compatible but are not.
     */
    static List<byte[]> embeddedIpv4(byte[] v6) {
        List<byte[]> found = new ArrayList<>();
        if (MAPPED.contains(v6) || TRANSLATED.contains(v6) || NAT64.contains(v6)
                || (COMPATIBLE.contains(v6) && !IPV6.get(0).contains(v6) && !IPV6.get(1).contains(v6))) {
            found.add(slice(v6, 12));
        } else if (SIX_TO_FOUR.contains(v6)) {
            found.add(slice(v6, 2));
        } else if (TEREDO.contains(v6)) {
            found.add(slice(v6, 4));
            byte[] client = slice(v6, 12);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            found.add(client);
        }
        return found;
    }

    private static byte[] slice(byte[] bytes, int from) {
        byte[] v4 = new byte[4];
        System.arraycopy(bytes, from, v4, 0, 4);
        return v4;
    }

    private static String ipv4Text(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static Block block(String cidr, String name) {
        int slash = cidr.indexOf('/');
        try {
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.contains(":") && prefix.length == 4) {
                // Java turns an IPv4-mapped literal into its IPv4 address; the block needs the IPv6 form.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(prefix, 0, mapped, 12, 4);
                prefix = mapped;
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
