package dev.keepsake.core.crypto;

import dev.keepsake.core.compress.Compression;

/**
 * Envelopes sealed on the JVM (by {@code dev.keepsake.jvm}'s compressors and ciphers) with a
 * fixed key and a fixed nonce, which every other platform must open to {@link #payload()}. The
 * same bytes are in {@code src/test/resources/crossplatform/<file>} for tests that read files;
 * the hex here is for TeaVM tests, which cannot read resources. The JVM test
 * {@code CrossPlatformVectorsTest} checks that the JVM still writes (ciphers) or reads
 * (compressors, whose exact output may change with the library version) these bytes, and
 * rewrites them with {@code -Dkeepsake.vectors.write=true}.
 *
 * <p>Every vector: storage key {@link #STORAGE_KEY}, codec format id {@link #FORMAT_ID},
 * payload the UTF-8 of {@code SealedStorageContract.jsonLike(600)}, nonce {@link #NONCE}
 * (bytes a0..ab). Raw-key vectors use {@link #RAW_KEY} (bytes 00..1f); passphrase vectors the
 * key derived from {@link #PASSPHRASE}, {@link #SALT} (bytes 10..1f) and {@link #ITERATIONS}.
 */
public enum CrossPlatformVectors {
    /** LZ4 only (written by lz4-java). */
    LZ4("lz4.bin", Compression.lz4(), null, false,
            "4b4545500201020000000258000000e058020000f2295b7b226964223a302c226e616d65223a226974656d2030222c22646f6e65"
            + "223a747275652c2274616773223a5b2261222c226230225d7d2c37001a3137003539313939004c66616c733a0016313a001a32"
            + "3a003f3833383a000a16323a001a333a00353735373a000fad0000163339001a3439003536373639000fad000116343a001a35"
            + "3a003f3539353a000a0721011b363a002531343a000fad00000720011a3739003534333339000fad00010720011a383a003f33"
            + "35323a000a0721011a393a00353237313a000fad000007200119313f02506d20313930a1cb5d13"),
    GZIP("gzip.bin", Compression.gzip(), null, false,
            "4b4545500201010000000258000000ab1f8b08000000000000ff8dd24d0ac2301086e1abc8acb3c8e43fb94a7111699482ad60eb"
            + "aa78770b82c96431b84ce0211f2f197698464852c092e70209a6adcc270902c6c7729cb7e7ab08d8f26d8534403eee2f12ce6f"
            + "f1654859c4f883d77c5f7b89552a2a830eac54556a2abdf5dc585da1a1d079c73e69aab454da6859d904729d44c38d6dfa780a"
            + "8dd6fff609546aab58d9048a542a8fdcd8a60f76df07a3fc0022f402d35802000022a8494d"),
    ZSTD("zstd.bin", Compression.zstd(), null, false,
            "4b4545500201030000000258000000aa28b52ffd605801050500d2c6161a80b76d9a2229c4b7cc03cdbb1803ab121191c8ee9758"
            + "228afa089832398fa6d55ea4bb7c92b30d76ea66730cefe9b38a16692e84254899f2128063e0f775437d19acf663074353674a"
            + "e1f81d8b8435e4ea2c59ca0fd50fe408231f00424417b05dc00c900760066e07a400f8827b803c0033c0382005c017dc03e401"
            + "9881db0129001fcca4008a01f200ccc0ed801400dfae10e1aa18202f6a4c41016e05d49a"),
    CHACHA20_POLY1305("chacha20-poly1305.bin", null, Encryption.Algorithm.CHACHA20_POLY1305, false,
            "4b454550020100020000025800000274a0a1a2a3a4a5a6a7a8a9aaab57d05a3629c4f89d8c2d9d75919fdfc1bf37a7da2e4a5081"
            + "98fabfde1f07e13618f263ef82eb8beba1bfd7874673196466e628082b5116ad5c7662246e1094e4939506235dcba8d24b84b7"
            + "e42d89984722b52d8773d2f382414e2becfda98c99e82600d3ad6136d7ce624c40f6f139a835eec8773c34c89f9ac0823dd3fd"
            + "d51c450f958aeccadbfb368dfd1158d17877fcf03b8f17447934d255f388def6c43ec3987f7074bf5f598fe6f16ce3930429d5"
            + "84d17126f1d0be51bfe241703e607402b5cd3332f72832137eab125b5b8347e504659ac3f41acf476bbd88a82deaf899d99932"
            + "aac2573addb146441170b3f2b10e22bfe5ec30f3a88db5eaa5a103e70f9b5ace0031b07776144ef77dc1ba3799a3be42061da0"
            + "e6da7cda2586701a4793ee363912cfdb4181eaef367950c3e3688266c8dfdd17eef4b865ce229a2f6aa3d8afdedf4cee152c70"
            + "a2d04cfdf1837c921b6cff7da47758e3c8f66335e7a5d9a82d69ca139eafb5d40823526b6d0f51dc2f48fdba26ed978ae07a61"
            + "5dc133d4681d52605fd3d90c2857b8bc3927645fe76c43ae6ee75ee2aef1bad74646ab57a3dabf87aee641a35b11e578c48ec5"
            + "81284bd1914f09242e1f75380ce5f99392a7f844ac8a4a4e842b98130c7929aca6fe52c06254bc475ac87ea32e99417e0f461b"
            + "04e041a198ea60c40977cfbf85a154dcd051632e87d09df3aece0d127f5dcc4b0f7b55bbdfd1bee7606f497c0054c9c685649b"
            + "12c0082525104ba4c253513db8e3a983e1d1a68245f477fd98dea88cbc2ce91356eb7800006ccd5f123c16428b8ee0f60dd988"
            + "ec9285a1a78909ee896c84db356341e0bffb015112960da1707f0efcd832536e2a0af3"),
    AES_256_GCM("aes-256-gcm.bin", null, Encryption.Algorithm.AES_256_GCM, false,
            "4b454550020100010000025800000274a0a1a2a3a4a5a6a7a8a9aaabbd635e4421e9388f4e47e9b26a1fe2e452c52d75ff97724e"
            + "b02c42e911ce573ba604329a8300275c38ef26f25258e2db6b392478408d67523a7c623a864ab49c96d2e4025587dec29d969a"
            + "75aff7fd83ef2789c0aaaffc58d4135ff6c2ff61b6fbe54cd82194d4b9fff92a72e7b9cf75597c1a8cb751b9061de3fccad538"
            + "976fff33d90bb62fa02f0461dca7302efeb8edfb970ddfbc89e9d1efc994c8b416119d3a7e939a482224a057560e14f0df8555"
            + "1cceb42008cf53e7a04c1b35f67a3a140179fe42fd99899c3325ed735040c037c5c69c5e04ab9ad79a7a847feaf8055b736f5c"
            + "9516fb56a49e786b6e292e1e66d8e005ab3b04e2068d9b5d531104b07350a7e2cdf6c4810ad032a9454f0db44b33300b99dbe1"
            + "06da0522f8bfcda856b92122801a3751ef8b0c2349d195a437ac72b3753e5ff6815e8209c2fbe89739b3bf7fa39b591763f2bf"
            + "182bad5ff6c659efa473a66c6a8d7464b6a30c18fe7b6d31cc31bb540a62d8a877f91e8326fff9ce2273e1526ca5863e3962a8"
            + "82ffcb5eaac649d778cd21197a884a499c8a9662cb67bab85fa7411dc284a60d0c1701bd63293c2bdad2be104a01d2ed3be704"
            + "6899f4e716d1a415cf65f1da9b01069f0f8cd7ced0f8f7d6fecba36092126bbfebe5d16f117ae11a49bfde03ae29dd9c76cbbc"
            + "66b92930e4e2521a648214185776b99a9a05f8ba78c07d4fc299fd3d2e2304f7914d78643fdc15c6bdd6b8f97d7588ffa9b7b4"
            + "00f676c25f90adb3c7604853d7dbbdc595290feae671e134a7f24ebfc8c95bd15b3d8549296263be94cc2eded3b4fd019ab6b5"
            + "7e917641ee777a8279615101d6838d7a8692496437eed8daa3f31065eedec73adc58b4"),
    LZ4_CHACHA20_POLY1305("lz4-chacha20-poly1305.bin", Compression.lz4(), Encryption.Algorithm.CHACHA20_POLY1305, false,
            "4b4545500201020200000258000000fca0a1a2a3a4a5a6a7a8a9aaab54a9785fbfcf99d682669736c6cad1d9f33fbeda615042ca"
            + "c0bdb6914140ef2e08ef78ef8cf38bf8b3a9d99f69301f3568fe111a682e47a34564291d310692c8abca504e0dd0a3c91bf09e"
            + "ef6cdcda44008f3ed91ca6a49a7b1772b3b6f6a0b18a755da0956857f59a775555aec0145848c2a5666c50f09191ec956585a6"
            + "893e7080fcff9f93c1c31f80e53d45802e2ca3d20bee57291167c477a2d88dbfe60b35ba1e55789c275c94bbb974ab82544df8"
            + "13e25c03bfb0c90ca7d85c2a7f37232288ff2511c1336c7c25fc075015f13d2d2847e9829270dc4232cf84aa30f1aab75b8da1"
            + "08a1e044ce14690dcfd2a9f854bef6c9"),
    GZIP_AES_256_GCM("gzip-aes-256-gcm.bin", Compression.gzip(), Encryption.Algorithm.AES_256_GCM, false,
            "4b4545500201010100000258000000c7a0a1a2a3a4a5a6a7a8a9aaabf993742d45cb02bf629a0a014a7002ee602ab8bb5a1bf1a4"
            + "78319fcc0eba1c9550db2714055a2436dd5560f9b13663d858345f3efa96522c81ccec5cadd6287c93b587a9f7d778571349f7"
            + "c07da3498e8d35458bd70ff68b8b3d675e49199ae8d0ffa2fe29840c95328f533aaf3518f47c0dc00f0e4c5c0246656af06e3d"
            + "ab94c1632d3b10cfeded4f53735dedbc9882e272f5b2ba5aaea672116553a0b1eb2c65e41f934268934e800a2b0a2074d00ebd"
            + "b054b86ecb2cb899e22dda2022df"),
    PASSPHRASE_LZ4_CHACHA20_POLY1305("passphrase-lz4-chacha20-poly1305.bin", Compression.lz4(),
            Encryption.Algorithm.CHACHA20_POLY1305, true,
            "4b4545500201020200000258000000fca0a1a2a3a4a5a6a7a8a9aaabfbaabb10fa1528da34d1e0faf46df70283d5bcf0bcfa62bb"
            + "148e386c82bd3e581e613a76935a07a95326e65f07e3b401da7af1319514ff7a72352775f348c2923feed7043d181f430b18e5"
            + "92490ed83df06ec7af96acecd17fecbc2735cd25d3025b9fc2911d16924531950abd50975e71395efeeccbc07884cc37263f7e"
            + "d3cc0948c908d618124dbbba405019b264c27de15a1c2076f84784614c6b2ac9c20b8fc5a6ac149682279de395495c3f4eb919"
            + "e3d405f78daf976c471a6b784b123b24d63af7d259a5cc1ae449e73f3f9294d35854ef694bb904d0185a1a12fa494f3fed25a2"
            + "0105085568e888a41457c4bf17d8f6ce"),
    PASSPHRASE_GZIP_AES_256_GCM("passphrase-gzip-aes-256-gcm.bin", Compression.gzip(),
            Encryption.Algorithm.AES_256_GCM, true,
            "4b4545500201010100000258000000c7a0a1a2a3a4a5a6a7a8a9aaab30c4676d66ed712a264eb89e1fd94a8cbf357905c59fbe02"
            + "fce3bfcb7eda664d9de9efa7309f3af04c635db3101e7e3a8d68cd71337f65527230ca88a77c608a50fc61f91b04ab8814fb26"
            + "4717b01260c1e1be5f1e41dfce3a223d71ae1c5cb7318d5655a0f3bc208b9a8d04558f576584f046a566619f0a35f62c585849"
            + "f00e4f0cbd27f9b088652c3513d50da167ef5c7b65c6ce6bbc397d5d3fc76b087af1088b285c725def965e574d5724057e5ba4"
            + "a452fcdb1faa66ab909890d5ec90");

    /** The key every vector is stored under (part of the ciphers' associated data). */
    public static final String STORAGE_KEY = "crossplatform:state";
    /** The codec format id of every vector (JSON). */
    public static final int FORMAT_ID = 1;
    /** The raw key: bytes 0x00 to 0x1f. */
    public static final byte[] RAW_KEY = SealedStorageContract.sequence(0x00, 32);
    /** The nonce of every encrypted vector: bytes 0xa0 to 0xab. */
    public static final byte[] NONCE = SealedStorageContract.sequence(0xA0, 12);
    /** The passphrase of the passphrase vectors (non-ASCII on purpose: it must be UTF-8). */
    public static final String PASSPHRASE = "correct horse battery staple \u2713";
    /** The salt of the passphrase vectors: bytes 0x10 to 0x1f. */
    public static final byte[] SALT = SealedStorageContract.sequence(0x10, 16);
    /** The PBKDF2 iterations of the passphrase vectors (the floor, to keep tests fast). */
    public static final int ITERATIONS = EncryptionKey.MIN_ITERATIONS;
    /** The key {@link #PASSPHRASE}, {@link #SALT} and {@link #ITERATIONS} derive, in hex (JDK). */
    public static final String DERIVED_KEY_HEX = "d92f3b51d23abcf9ec177ad04373fe150f0f29a6537dda0f2271ae623b174b07";

    /** The file name under {@code src/test/resources/crossplatform/}. */
    public final String file;
    /** The compression, or null. */
    public final Compression compression;
    /** The encryption algorithm, or null. */
    public final Encryption.Algorithm encryption;
    /** Whether the key is derived from the passphrase rather than raw. */
    public final boolean passphrase;
    private final String hex;

    CrossPlatformVectors(String file, Compression compression, Encryption.Algorithm encryption, boolean passphrase,
            String hex) {
        this.file = file;
        this.compression = compression;
        this.encryption = encryption;
        this.passphrase = passphrase;
        this.hex = hex;
    }

    /** Returns the payload every vector holds. */
    public static byte[] payload() {
        return SealedStorageContract.jsonLike(600).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns the raw key of this vector's cipher, given the derived key for passphrase vectors. */
    public byte[] keyBytes(byte[] derivedKey) {
        return passphrase ? derivedKey.clone() : RAW_KEY.clone();
    }

    /** Returns the sealed envelope. */
    public byte[] bytes() {
        return fromHex(hex);
    }

    /** Returns the sealed envelope in lowercase hex. */
    public String hex() {
        return hex;
    }

    /** Decodes lowercase or uppercase hex. */
    public static byte[] fromHex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(hex.charAt(2 * i), 16) << 4 | Character.digit(hex.charAt(2 * i + 1), 16));
        }
        return out;
    }
}
