using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;

namespace HealingCompass.Data.Tests.Encryption;

public sealed class DataKeyTests
{
    [Fact]
    public void A_new_key_is_32_random_bytes()
    {
        using var a = DataKey.Create();
        using var b = DataKey.Create();

        Assert.Equal(32, a.Bytes.Length);
        Assert.False(TestKeys.Same(a, b));
        Assert.Contains(a.Bytes.ToArray(), x => x != 0);
    }

    [Fact]
    public void Disposing_a_key_overwrites_its_bytes_with_zeros()
    {
        var key = DataKey.Create();
        var view = key.Bytes; // the key's own memory, not a copy
        Assert.Contains(view.ToArray(), x => x != 0);

        key.Dispose();

        Assert.True(key.IsDisposed);
        Assert.All(view.ToArray(), x => Assert.Equal(0, x));
    }

    [Fact]
    public void A_disposed_key_can_no_longer_encrypt_or_decrypt()
    {
        var binding = new RecordBinding(TestKeys.UserId, "journal-entry.text", "1");
        var key = DataKey.Create();
        var blob = FieldCipher.EncryptString(key, "note", binding);
        key.Dispose();
        key.Dispose(); // twice is harmless

        Assert.Throws<ObjectDisposedException>(() => key.Bytes.Length);
        Assert.Throws<ObjectDisposedException>(() => FieldCipher.EncryptString(key, "note", binding));
        Assert.Throws<ObjectDisposedException>(() => FieldCipher.DecryptString(key, blob, binding));
    }

    [Fact]
    public void A_copy_is_the_same_key_and_outlives_the_original()
    {
        var original = DataKey.Create();
        using var copy = original.Copy();
        var expected = original.Bytes.ToArray();

        original.Dispose();

        Assert.Equal(expected, copy.Bytes.ToArray());
    }

    [Fact]
    public void A_key_never_prints_its_bytes()
    {
        using var key = DataKey.Create();
        Assert.Equal("DataKey(redacted)", key.ToString());
        Assert.Equal("DataKey(redacted)", $"{key}");
    }

    [Fact]
    public async Task Locking_while_saving_never_saves_anything_under_a_wiped_key()
    {
        var binding = new RecordBinding(TestKeys.UserId, "journal-entry.text", "1");
        for (var round = 0; round < 50; round++)
        {
            var key = DataKey.Create();
            using var kept = key.Copy();
            var saved = new List<byte[]>();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var saver = Task.Run(() =>
            {
                started.SetResult();
                try
                {
                    while (true)
                    {
                        saved.Add(FieldCipher.EncryptString(key, "saved while locking", binding));
                    }
                }
                catch (ObjectDisposedException)
                {
                    // the lock won: nothing more is saved
                }
            }, TestContext.Current.CancellationToken);

            await started.Task;
            Thread.SpinWait(round * 200);
            key.Dispose();
            await saver;

            Assert.All(saved, blob => Assert.Equal("saved while locking", FieldCipher.DecryptString(kept, blob, binding)));
        }
    }
}
