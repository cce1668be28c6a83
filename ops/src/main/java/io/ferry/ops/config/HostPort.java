package io.ferry.ops.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A {@code host:port} pair as written in the configuration, the host being an IP literal or a DNS name.
 *
 * @param host the host, IPv6 literals without their brackets.
 * @param port the port, 1-65535.
 */
record HostPort(String host, int port)
{
    private static final String HINT = "use e.g. 0.0.0.0:40100, 198.51.100.7:40100, west.example.net:40100 or [::1]:40100";
    private static final Pattern HOST_NAME =
        Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final int MAX_HOST_NAME_LENGTH = 253;

    /**
     * Parses {@code host:port}, with IPv6 literals in brackets, without any DNS lookup.
     *
     * @param text the text as written.
     * @return the pair.
     * @throws IllegalArgumentException with a message naming the text and the fix.
     */
    static HostPort parse(final String text)
    {
        final String host;
        final String portText;
        if (text.startsWith("["))
        {
            final int close = text.indexOf("]:");
            if (close < 0)
            {
                throw new IllegalArgumentException(quote(text) + " is not host:port (" + HINT + ")");
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
            requireIpv6(text, host);
        }
        else
        {
            final int colon = text.lastIndexOf(':');
            if (colon < 0)
            {
                throw new IllegalArgumentException(quote(text) + " is not host:port (" + HINT + ")");
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.contains(":"))
            {
                throw new IllegalArgumentException(quote(text) + " has an IPv6 address without brackets (write [" +
                    host + "]:" + portText + ")");
            }
            requireIpv4OrName(text, host);
        }

        return new HostPort(host, port(text, portText));
    }

    private static void requireIpv6(final String text, final String host)
    {
        boolean valid = host.contains(":");
        if (valid)
        {
            try
            {
                // A bracketed literal is parsed by the JDK and never looked up in DNS.
                InetAddress.getByName("[" + host + "]");
            }
            catch (final UnknownHostException ex)
            {
                valid = false;
            }
        }
        if (!valid)
        {
            throw new IllegalArgumentException(quote(text) + " has " + quote(host) +
                " in brackets, which is not an IPv6 address (" + HINT + ")");
        }
    }

    private static void requireIpv4OrName(final String text, final String host)
    {
        final boolean valid = DIGITS_AND_DOTS.matcher(host).matches() ?
            isIpv4(host) :
            host.length() <= MAX_HOST_NAME_LENGTH && HOST_NAME.matcher(host).matches();
        if (!valid)
        {
            throw new IllegalArgumentException(quote(text) + " has host " + quote(host) +
                ", which is neither an IP address nor a host name (" + HINT + ")");
        }
    }

    private static boolean isIpv4(final String host)
    {
        final String[] octets = host.split("\\.", -1);
        if (octets.length != 4)
        {
            return false;
        }
        for (final String octet : octets)
        {
            if (octet.isEmpty() || octet.length() > 3 || Integer.parseInt(octet) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static int port(final String text, final String portText)
    {
        if (!PORT.matcher(portText).matches())
        {
            throw new IllegalArgumentException(quote(text) + " has port " + quote(portText) +
                ", which is not a number from 1 to 65535");
        }
        final int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException(quote(text) + " has port " + port + ", outside 1-65535");
        }

        return port;
    }

    private static String quote(final String text)
    {
        return "\"" + text + "\"";
    }
}
