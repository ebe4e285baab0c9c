package dev.keepsake.browser.crypto;

/** Placeholder for core's RandomSource until branch crypto-jvm lands; removed at merge. */
interface RandomSource {
    void nextBytes(byte[] bytes);
}
