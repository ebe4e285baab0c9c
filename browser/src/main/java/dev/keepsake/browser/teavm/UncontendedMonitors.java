package dev.keepsake.browser.teavm;

import java.util.ArrayList;
import java.util.List;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.ElementModifier;
import org.teavm.model.Instruction;
import org.teavm.model.MethodHolder;
import org.teavm.model.Program;
import org.teavm.model.instructions.InvokeInstruction;
import org.teavm.model.instructions.MonitorEnterInstruction;
import org.teavm.model.instructions.MonitorExitInstruction;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * A TeaVM plugin that compiles Keepsake's {@code synchronized} methods and blocks without their
 * monitors. Core guards its state with monitors because the JVM runs it on many threads; in the
 * browser, TeaVM runs one thread of events, and where it emulates threads it switches between
 * them only where code suspends ({@code Object.wait}, {@code Thread.sleep}, {@code @Async}
 * methods). Nothing in Keepsake suspends while holding a monitor, so in a TeaVM build its
 * monitors are never contended: they only cost code (the enter/exit calls, their exception
 * handlers and TeaVM's monitor runtime; 0.7 KB brotli of {@code keepsake-kv.js} after terser).
 *
 * <p>Applies to classes under {@code dev.keepsake} that never call {@code wait}, {@code notify}
 * or {@code notifyAll}: a class that does relies on its monitors (browser tests that block a
 * TeaVM thread until a callback arrives do) and is left as written. Registered through
 * {@code META-INF/services/org.teavm.vm.spi.TeaVMPlugin}, so it also applies to applications
 * that compile this module with TeaVM themselves; the JVM build is unaffected.
 */
public final class UncontendedMonitors implements TeaVMPlugin, ClassHolderTransformer {

    private static final String PACKAGE = "dev.keepsake.";

    @Override
    public void install(TeaVMHost host) {
        host.add(this);
    }

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().startsWith(PACKAGE) || waitsOrNotifies(cls)) {
            return;
        }
        for (MethodHolder method : cls.getMethods()) {
            method.getModifiers().remove(ElementModifier.SYNCHRONIZED);
            for (Instruction instruction : instructions(method)) {
                if (instruction instanceof MonitorEnterInstruction || instruction instanceof MonitorExitInstruction) {
                    instruction.delete();
                }
            }
        }
    }

    private static boolean waitsOrNotifies(ClassHolder cls) {
        for (MethodHolder method : cls.getMethods()) {
            for (Instruction instruction : instructions(method)) {
                if (instruction instanceof InvokeInstruction invoke && isMonitorMethod(invoke)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the method's instructions, a copy that deleting from the program leaves intact. */
    private static List<Instruction> instructions(MethodHolder method) {
        List<Instruction> all = new ArrayList<>();
        Program program = method.getProgram();
        if (program != null) {
            for (int i = 0; i < program.basicBlockCount(); i++) {
                program.basicBlockAt(i).forEach(all::add);
            }
        }
        return all;
    }

    private static boolean isMonitorMethod(InvokeInstruction invoke) {
        String name = invoke.getMethod().getName();
        return name.equals("wait") || name.equals("notify") || name.equals("notifyAll");
    }
}
