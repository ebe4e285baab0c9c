package consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Every other Java block of the README, compiled by this project as the members of a class, runs. */
class ReadmeSnippetsTest {

    @Test
    void everyReadmeSnippetRunsAsPrinted() throws Exception {
        int count = 0;
        while (Files.exists(ReadmeProgramTest.CLASSES.resolve("ReadmeSnippet" + (count + 1) + ".class"))) {
            count++;
            // Instantiating runs the snippet: its statements are field initializers.
            Class.forName("ReadmeSnippet" + count).getConstructor().newInstance();
        }
        assertTrue(count > 0, "the README's snippets were compiled into " + ReadmeProgramTest.CLASSES);
    }
}
