using System.Text;
using FsCheck.Xunit;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;

namespace HealingCompass.Data.Tests.Encryption;

public sealed class FieldCipherTests
{
    private static readonly DataKey Key = DataKey.Create();
    private static readonly RecordBinding Entry = new(TestKeys.UserId, "journal-entry.text", "entry-1");

    [Property(MaxTest = 200)]
    public void Any_bytes_come_back_unchanged(byte[]? plaintext)
    {
        plaintext ??= [];
        var blob = FieldCipher.Encrypt(Key, plaintext, Entry);
        Assert.Equal(plaintext, FieldCipher.Decrypt(Key, blob, Entry));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Today was hard. I said no and meant it.")]
    [InlineData("Ça m'a fait peur — 怖かった 💔")]
    public void Text_comes_back_unchanged(string text)
    {
        var blob = FieldCipher.EncryptString(Key, text, Entry);
        Assert.Equal(text, FieldCipher.DecryptString(Key, blob, Entry));
    }

    [Fact]
    public void A_blob_is_a_version_byte_a_nonce_the_ciphertext_and_a_tag()
    {
        var plaintext = Encoding.UTF8.GetBytes("SENTINEL-7c1e-do-not-store");
        var blob = FieldCipher.Encrypt(Key, plaintext, Entry);

        Assert.Equal(1 + 12 + plaintext.Length + 16, blob.Length);
        Assert.Equal(29, FieldCipher.Overhead);
        Assert.Equal(1, blob[0]);
        Assert.Equal(-1, blob.AsSpan().IndexOf(plaintext));
        Assert.Equal(-1, blob.AsSpan().IndexOf("SENTINEL"u8));
    }

    [Fact]
    public void The_same_text_saved_twice_gets_different_nonces_and_blobs()
    {
        var first = FieldCipher.EncryptString(Key, "the same words", Entry);
        var second = FieldCipher.EncryptString(Key, "the same words", Entry);

        Assert.NotEqual(first.AsSpan(1, 12).ToArray(), second.AsSpan(1, 12).ToArray());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_thousand_encryptions_never_reuse_a_nonce()
    {
        var nonces = Enumerable.Range(0, 1000)
            .Select(_ => Convert.ToHexString(FieldCipher.Encrypt(Key, "x"u8, Entry), 1, 12))
            .ToHashSet();
        Assert.Equal(1000, nonces.Count);
    }

    [Theory]
    [InlineData("someone-else", "journal-entry.text", "entry-1")]
    [InlineData(TestKeys.UserId, "check-in.notes", "entry-1")]
    [InlineData(TestKeys.UserId, "journal-entry.text", "entry-2")]
    [InlineData(TestKeys.UserId, "journal-entry.tex", "tentry-1")] // the same characters, split differently
    [InlineData(TestKeys.UserId + "j", "ournal-entry.text", "entry-1")]
    public void A_blob_moved_to_another_owner_record_type_or_record_will_not_open(string ownerId, string recordType, string recordId)
    {
        var blob = FieldCipher.EncryptString(Key, "private words", Entry);

        var error = Assert.Throws<RecordDecryptionException>(() => FieldCipher.DecryptString(Key, blob, new RecordBinding(ownerId, recordType, recordId)));
        Assert.Equal("This saved item can't be opened: it doesn't belong to this account or record, or it was changed.", error.Message);
    }

    [Fact]
    public void A_blob_opened_with_another_persons_key_will_not_open()
    {
        var blob = FieldCipher.EncryptString(Key, "private words", Entry);
        using var otherKey = DataKey.Create();

        Assert.Throws<RecordDecryptionException>(() => FieldCipher.DecryptString(otherKey, blob, Entry));
    }

    [Property(MaxTest = 500)]
    public void Changing_any_single_byte_of_a_blob_makes_it_fail_to_open(byte[]? plaintext, int position, byte flip)
    {
        plaintext ??= [];
        var blob = FieldCipher.Encrypt(Key, plaintext, Entry);
        var at = Math.Abs(position % blob.Length);
        blob[at] ^= flip == 0 ? (byte)1 : flip;

        Assert.Throws<RecordDecryptionException>(() => FieldCipher.Decrypt(Key, blob, Entry));
    }

    [Property(MaxTest = 200)]
    public void A_blob_cut_short_anywhere_fails_to_open(byte[]? plaintext, int cut)
    {
        plaintext ??= [];
        var blob = FieldCipher.Encrypt(Key, plaintext, Entry);
        var keep = Math.Abs(cut % blob.Length); // 0 .. length - 1

        Assert.Throws<RecordDecryptionException>(() => FieldCipher.Decrypt(Key, blob[..keep], Entry));
    }

    [Fact]
    public void A_blob_with_bytes_added_or_from_an_unknown_version_fails_to_open()
    {
        var blob = FieldCipher.EncryptString(Key, "private words", Entry);
        var longer = blob.Append((byte)0).ToArray();
        var otherVersion = (byte[])blob.Clone();
        otherVersion[0] = 2;

        Assert.Throws<RecordDecryptionException>(() => FieldCipher.Decrypt(Key, longer, Entry));
        Assert.Throws<RecordDecryptionException>(() => FieldCipher.Decrypt(Key, otherVersion, Entry));
        Assert.Throws<RecordDecryptionException>(() => FieldCipher.Decrypt(Key, [], Entry));
    }

    [Fact]
    public void Bytes_that_are_not_text_are_reported_rather_than_garbled()
    {
        var blob = FieldCipher.Encrypt(Key, [0xFF, 0xFE, 0xC0], Entry);
        Assert.Throws<RecordDecryptionException>(() => FieldCipher.DecryptString(Key, blob, Entry));
    }

    [Theory]
    [InlineData("", "journal-entry.text", "1")]
    [InlineData("user", " ", "1")]
    [InlineData("user", "journal-entry.text", "")]
    public void A_binding_with_a_blank_part_is_refused(string ownerId, string recordType, string recordId) =>
        Assert.Throws<ArgumentException>(() => FieldCipher.EncryptString(Key, "x", new RecordBinding(ownerId, recordType, recordId)));
}
