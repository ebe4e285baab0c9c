package dev.keepsake.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.codec.Serializers;
import dev.keepsake.core.machine.PersistedMachine;
import dev.keepsake.core.machine.StateMachine;
import dev.keepsake.core.manager.ErrorStrategy;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.manager.PersistenceManager;
import dev.keepsake.core.store.PersistentStore;
import dev.keepsake.jvm.sql.SqliteBackend;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's JVM example, kept compiling and working; then everything is read back. */
class ReadmeExampleTest {

    record Settings(String theme, int fontSize) {
    }

    enum Step { CART, ADDRESS, PAID }

    enum Event { ADD, NEXT, PAY }

    static final Codec<Settings> SETTINGS = Codecs.record(Settings::new,
            Codecs.field("theme", Codecs.strings(), Settings::theme),
            Codecs.field("fontSize", Codecs.ints(), Settings::fontSize));

    static final StateMachine<Step, Event, Integer> CHECKOUT = StateMachine.<Step, Event, Integer>builder(Step.CART, 0)
            .on(Step.CART, Event.ADD).update((items, e) -> items + 1).to(Step.CART)
            .on(Step.CART, Event.NEXT).when((items, e) -> items > 0).to(Step.ADDRESS)
            .on(Step.ADDRESS, Event.PAY).to(Step.PAID)
            .build();

    @Test
    void theReadmeExampleWorksAndItsStateComesBack(@TempDir Path dir) {
        Path file = dir.resolve("app.db");
        // --- README example starts ---
        try (ThreadScheduler scheduler = ThreadScheduler.create();
             SqliteBackend db = SqliteBackend.open(file)) {

            // A reactive value, saved automatically (debounced, batched) and restored on start.
            PersistentStore<Settings> settings = PersistentStore
                    .builder(db, scheduler, "settings", SETTINGS, new Settings("light", 14))
                    .build();
            JvmAsync.toFuture(settings.whenHydrated()).join();
            settings.update(s -> new Settings("dark", s.fontSize()));

            // Typed key-value storage with an error strategy.
            PersistenceManager<Settings> users = PersistenceManager
                    .builder(db, Serializers.json(SETTINGS), scheduler)
                    .config(PersistenceConfig.builder()
                            .keyPrefix("users")
                            .errorStrategy(ErrorStrategy.retryWithBackoff(100, 5_000, 5))
                            .build())
                    .build();
            users.save("42", new Settings("solarized", 16));

            // A state machine that resumes where it was.
            PersistedMachine<Step, Event, Integer> checkout = PersistedMachine
                    .builder(CHECKOUT, db, scheduler, "checkout", Codecs.enums(Step.values()), Codecs.ints())
                    .build();
            JvmAsync.toFuture(checkout.whenRestored()).join();
            checkout.send(Event.ADD);
            checkout.send(Event.NEXT);

            // close() flushes: everything above is durable when these complete.
            JvmAsync.toFuture(settings.close()).join();
            JvmAsync.toFuture(users.close()).join();
            JvmAsync.toFuture(checkout.close()).join();
        }
        // --- README example ends ---

        try (ThreadScheduler scheduler = ThreadScheduler.create();
             SqliteBackend db = SqliteBackend.open(file)) {
            PersistentStore<Settings> settings = PersistentStore
                    .builder(db, scheduler, "settings", SETTINGS, new Settings("light", 14)).build();
            assertEquals(new Settings("dark", 14), JvmAsync.toFuture(settings.whenHydrated()).join());
            PersistenceManager<Settings> users = PersistenceManager
                    .builder(db, Serializers.json(SETTINGS), scheduler)
                    .config(PersistenceConfig.builder().keyPrefix("users").build()).build();
            assertEquals(Optional.of(new Settings("solarized", 16)), JvmAsync.toFuture(users.load("42")).join());
            PersistedMachine<Step, Event, Integer> checkout = PersistedMachine
                    .builder(CHECKOUT, db, scheduler, "checkout", Codecs.enums(Step.values()), Codecs.ints()).build();
            JvmAsync.toFuture(checkout.whenRestored()).join();
            assertEquals(Step.ADDRESS, checkout.state());
            assertEquals(1, checkout.context());
        }
    }
}
