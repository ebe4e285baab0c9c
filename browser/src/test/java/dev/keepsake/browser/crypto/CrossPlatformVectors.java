package dev.keepsake.browser.crypto;

import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.RandomSource;
import java.nio.charset.StandardCharsets;

/**
 * Envelopes sealed on the JVM (JDK 17: {@code java.util.zip} gzip, lz4-java, {@code javax.crypto}
 * AES-GCM and ChaCha20-Poly1305, through {@code JvmCompression} and {@code JvmCrypto}) with
 * {@link #key()}, nonce {@link #nonce()}, under store key {@link #STORE_KEY}, format id 1, of
 * {@link #payload()}. {@code JvmSealedVectorsTest} proves on the JVM that each opens to the
 * payload (and that the cipher-only ones are exactly what the JVM writes today); the browser
 * tests open them in JavaScript and WebAssembly.
 */
final class CrossPlatformVectors {

    static final String STORE_KEY = "cross/vectors";
    static final int FORMAT_ID = 1;

    static final String GZIP = "4b45455002010100000002130000007d1f8b08000000000000ff8dcb390a80301404d0abc8d4298cbbb98"
            + "a5804fd4810"
            + "178c9d787705ab69e4b70f5e77218c70a9c1ea17814338654952189c7e8a701d66913dfa595e1a8e2d46f4b7f992e564"
            + "5529e394a952ce2957a58253a14a25a752952a4e952ad59c6a556a3835aad4726aff53ff0056471a981302000082d694"
            + "79";
    static final String LZ4 = "4b45455002010200000002130000009513020000f2275b7b226964223a302c226e616d65223a226974656d"
            + "2030222c22"
            + "74616773223a5b226b65657073616b65222c2263726f7373225d7d2c35001a3135001f313500121a3235001f32350012"
            + "1a3335001f333500121a3435001f343500121a3535001f353500121a3635001f363500121a3735001f373500121a3835"
            + "001f383500121a3935001f393500075073225d7d5dc8429af1";
    static final String AES_256_GCM = "4b45455002010001000002130000022f101112131415161718191a1b22411fb832b32e138284b8"
            + "31869d2d8c277ef0ac"
            + "6b317a29544cbdb0bc1a90eab8d6799e0983309e5905c3b20ef6d7fb2108f6735f7e6f896170defe06a5cb5afa90a207"
            + "a8929e6bf7bdc8854060b19d188ebd45c3102bd79a3250867e1e13e17a6ab14988464d599dad3adf5c5cf076f46f0e77"
            + "1e6fbc3412d5c4ed83b919bcbca63dfc00227280b22166c6488ff8c55edc0bf5a798097f5977ce4c6c2e3d59c8a4af53"
            + "729d58f79ab8782af2abecc5edf6598bd7e41392b00979b391386eae3427d4b3a28f17f7890d6d71b96e983fd52b6bbd"
            + "7d3a81330556dbaf62a602d34244aeabed651531f3b6ae6e78992dfa2638f64c1cbf9486b47542175a46d5375e469786"
            + "6003050a69f46f6fa3382e51ba4501b75986a048a7b7116b04952783d32941123276051c4cd4b843497b85dbc1b113bd"
            + "8bd650e27c703defec41aa2f11e4319fa65ea97f92ae5fbf9d688fc963fa8f1e6756e48eba3f17cda3d6d480fddc1fda"
            + "0583a7315a1d999004c0ffdea6833d9f58733f67988687aa98aaf47bc3478cbd96bef8bfb9b26689e5160b71760c74dd"
            + "b9c8363ae35551f311c3b285403a0e7faa82fc0b50341acff5dd095e760d20833d90ecdb71f5138f79a2a03dfbdcbad8"
            + "f5c65592a16ded1f81c3ab00b740ed2cd52c20af3ee47fbbc448e65242473dfba882585ca95cd454745b32f39a48c7f9"
            + "2c4b6a2d7409ff09fe7cb2346a4dffbfa463b13c64c2b066587d053b1521a7d9f133ab5f1f75efc18c286fd061b436c5"
            + "4d68fa";
    static final String CHACHA20_POLY1305 = "4b45455002010002000002130000022f101112131415161718191a1b4c1a1c2a6413ca44"
            + "a44f8feb894979afd8106dc4"
            + "5626a0fe3c049319c00f92e851130f7b2476fd2168af52f4f8aea2f7c3b79d8b33acdf545f13a4e426f660a834cf1688"
            + "d28abc9db6729ad8239c9c97060a1c0bf00f680bd5d212aabd8ff0f7fea0085c2cef6903f1ccb47bd431e70dfd345167"
            + "8eb22f5a8f7e124ddfa9ee00998e3a93a2a689783d31c64f88f884e346c29e436e02c7df64539c0bfc4466bab336df9b"
            + "96323f38af3bfbac0e6313bab15d1c7eee0bc40800fafed22322b812ed9434bedb390436b3ee48c885f675a9c0d48889"
            + "5a05055dc5b62d75eb85cb834e2a1fd054fd65b8a3ab0f8726d7788bdaaae9e5fe0a230e61a7526191a40f9c3a063c28"
            + "a91faee2a2042beafc0f794e3bfac6ccb11351920183fbe014f6445c4b5b4ab62721b822d4e4883bfc220c3f703f069e"
            + "b7ed88e045107f3fe1b90be00cf863d1b13df24232fc581b203cf9c002e61d4e58cb27cfc3cda6d38055630b1fa10034"
            + "7786b46a1faf0f9589e799e9ab54e6e95b2bb8a8fd3376a1a0c37ef091c9f1d241ca9daee8773fe0c69aa4d5c966f3c4"
            + "24dd94716a840af72e92647dbf4eed17e3ad326898991ddaf7e9e7740a88a11c2784f13244b775372ba64fd71ccf7d15"
            + "eff58e2a3014677018aa4ef4c4fb9f6ac23fb5fa88714efb02b3b51a86a91369f6aa35a0978e68dde26d6a274d933114"
            + "4fa5a87084de8e81e2f556987ff2fc8b494d04e7418473b6f64b9be781657fed3d571abc3148871edf8581d9af2e8c96"
            + "a905da";
    static final String GZIP_AES_256_GCM = "4b454550020101010000021300000099101112131415161718191a1b66b135d156911423a"
            + "e595b9bd2f28f8611135462"
            + "cec56387c3d74389df94fac0f4788f831bf6e896d6d7eec05bb429e4fbba3e39a3112cce4146e45849039929fd6cfadf"
            + "cbeeed91bf961c039bde768d2cc02df35019c795a8f2a2a6be3f536404ddf875721febe7aa857c9c4b9f4026a4a271aa"
            + "7058964ba8fce484f7e97da48fc39db00f3a276a4fcdee2a74ec342467";
    static final String LZ4_CHACHA20_POLY1305 = "4b4545500201020200000213000000b1101112131415161718191a1b04633e43f216"
            + "ab0faa0485a8de1c77b7941874c4"
            + "193cb2b564438a58975e9cf07e50036d633cd56268af15a8a9acbbfd92e89db53cefd705142afbf222da58f760a26c9b"
            + "dda8c7f3e12abaf63385bef17d5e5a29d5677f60a2ad56ecdcfba1e0d290711b769c051499b18a1ac06d8330f1337d57"
            + "fae4773fb2730524b9d6bb15abb32e84d6d5f4322a0b8254d69de6c34681a85b11a913d14b89133d6796bd49618c2f60"
            + "835ff95fc5";

    private CrossPlatformVectors() {
    }

    /** The payload: repetitive JSON-like text of about 540 bytes, so both compressors pay. */
    static byte[] payload() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            text.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item ").append(i)
                    .append("\",\"tags\":[\"keepsake\",\"cross\"]}");
        }
        return text.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The raw key: bytes 0x40, 0x41, ... 0x5f. */
    static EncryptionKey key() {
        byte[] raw = new byte[EncryptionKey.LENGTH_BYTES];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (0x40 + i);
        }
        return EncryptionKey.of(raw);
    }

    /** The nonce the vectors were sealed with: bytes 0x10 ... 0x1b. */
    static byte[] nonce() {
        byte[] nonce = new byte[12];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) (0x10 + i);
        }
        return nonce;
    }

    /** A source that always returns {@link #nonce()}: only for reproducing the vectors. */
    static RandomSource fixedNonce() {
        byte[] nonce = nonce();
        return bytes -> System.arraycopy(nonce, 0, bytes, 0, bytes.length);
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String toHex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
