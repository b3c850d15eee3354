using System.Net;
using System.Net.Sockets;

namespace HealingCompass.Domain.Activity;

/// <summary>
/// The coarse form of a client address that the activity log keeps instead of the address: the /24 of an
/// IPv4 address ("203.0.113.0/24") and the /48 of an IPv6 one ("2001:db8:abcd::/48"). Enough to tell one's own
/// home or phone network from a stranger's, not enough to name a household.
/// </summary>
public static class NetworkPrefix
{
    public const int IPv4Bits = 24;

    public const int IPv6Bits = 48;

    /// <summary>The coarse network of <paramref name="address"/>, or null when there is none.</summary>
    public static string? Coarse(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bits = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IPv4Bits,
            AddressFamily.InterNetworkV6 => IPv6Bits,
            _ => 0,
        };
        if (bits == 0)
        {
            return null;
        }
        var bytes = address.GetAddressBytes();
        for (var i = bits / 8; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        // A fresh address from the bytes alone: no scope id (an interface number) is carried over.
        return $"{new IPAddress(bytes)}/{bits}";
    }
}
