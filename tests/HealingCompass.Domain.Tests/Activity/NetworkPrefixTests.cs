using System.Net;
using FsCheck.Xunit;
using HealingCompass.Domain.Activity;

namespace HealingCompass.Domain.Tests.Activity;

public sealed class NetworkPrefixTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("127.0.0.1", "127.0.0.0/24")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0/24")]
    [InlineData("2001:db8:abcd:12:34:56:78:9a", "2001:db8:abcd::/48")]
    [InlineData("fe80::1%3", "fe80::/48")]
    [InlineData("::1", "::/48")]
    public void An_address_is_kept_as_its_24_or_48_bit_network(string address, string expected) =>
        Assert.Equal(expected, NetworkPrefix.Coarse(IPAddress.Parse(address)));

    [Fact]
    public void No_address_gives_no_network() => Assert.Null(NetworkPrefix.Coarse(null));

    [Property(MaxTest = 1000)]
    public void An_IPv4_network_contains_the_address_and_drops_its_last_part(uint raw)
    {
        var address = new IPAddress(BitConverter.GetBytes(raw));
        var bytes = address.GetAddressBytes();

        var coarse = NetworkPrefix.Coarse(address)!;

        Assert.True(System.Net.IPNetwork.Parse(coarse).Contains(address), coarse);
        Assert.Equal($"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24", coarse);
        // Every neighbour in the same /24 looks the same: the kept form cannot tell them apart.
        bytes[3] ^= 0xA5;
        Assert.Equal(coarse, NetworkPrefix.Coarse(new IPAddress(bytes)));
    }

    [Property(MaxTest = 1000)]
    public void An_IPv6_network_contains_the_address_and_keeps_only_its_first_48_bits(ulong high, ulong low)
    {
        var bytes = BitConverter.GetBytes(high).Concat(BitConverter.GetBytes(low)).ToArray();
        var address = new IPAddress(bytes);
        if (address.IsIPv4MappedToIPv6)
        {
            return; // read as IPv4, above
        }

        var coarse = NetworkPrefix.Coarse(address)!;

        Assert.EndsWith("/48", coarse, StringComparison.Ordinal);
        Assert.True(System.Net.IPNetwork.Parse(coarse).Contains(address), coarse);
        Assert.All(IPAddress.Parse(coarse[..^3]).GetAddressBytes()[6..], b => Assert.Equal(0, b));
    }
}
