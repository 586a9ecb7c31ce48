package app.hearth.domain.companions;

import app.hearth.domain.shared.RuleViolation;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A companion's photo address: https only, no credentials in it, and never pointing into our own network — not
 * loopback, private (RFC 1918, IPv6 unique local), link-local (cloud metadata lives there), carrier-grade NAT,
 * unspecified or multicast. A host name is judged by every address it resolves to ({@link #requirePublic}).
 */
@ValueObject
public record PhotoUrl(URI uri) {

    public static final String INVALID = "INVALID_PHOTO_URL";
    public static final String NOT_PUBLIC = "PHOTO_URL_NOT_PUBLIC";
    private static final int LONGEST = 2048;

    public PhotoUrl {
        RuleViolation.require(uri, "photoUrl");
    }

    /** Parses and checks the form of {@code text}; an IP literal host is checked here too. */
    public static PhotoUrl parse(String text) {
        RuleViolation.requireText(text, "photoUrl");
        if (text.length() > LONGEST) {
            throw RuleViolation.invalid(INVALID, "photoUrl", "a photo URL has at most " + LONGEST + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException malformed) {
            throw RuleViolation.invalid(INVALID, "photoUrl", "the photo URL is not a valid URL");
        }
        if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw RuleViolation.invalid(INVALID, "photoUrl", "the photo URL must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw RuleViolation.invalid(INVALID, "photoUrl", "the photo URL must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw RuleViolation.invalid(INVALID, "photoUrl", "the photo URL must not carry credentials");
        }
        PhotoUrl url = new PhotoUrl(uri);
        url.literalAddress().ifPresent(address -> requirePublic(java.util.List.of(address)));
        return url;
    }

    /** The host without IPv6 brackets. */
    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host as an address when it is written as one (no name lookup happens here). */
    public java.util.Optional<InetAddress> literalAddress() {
        String host = host();
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.contains(":");
        if (!ipv4 && !ipv6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(host)); // a literal: parsed, never looked up
        } catch (java.net.UnknownHostException malformed) {
            throw RuleViolation.invalid(INVALID, "photoUrl", "the photo URL's host is not a valid address");
        }
    }

    /** Refuses the URL unless every address its host resolves to is public; no address at all is refused too. */
    public static void requirePublic(Collection<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw RuleViolation.invalid(NOT_PUBLIC, "photoUrl", "the photo URL's host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw RuleViolation.invalid(NOT_PUBLIC, "photoUrl",
                        "the photo URL must not point at loopback, private or link-local addresses");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            boolean carrierNat = first == 100 && second >= 64 && second <= 127;
            boolean thisNetwork = first == 0;
            boolean reserved = first >= 240;
            return !carrierNat && !thisNetwork && !reserved;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean mappedV4 = isMappedIpv4(bytes);
            if (mappedV4) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (java.net.UnknownHostException impossible) {
                    return false;
                }
            }
            return !uniqueLocal;
        }
        return false;
    }

    private static boolean isMappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
