package app.hearth.adapters.shared.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The shared check that an Axon shell handles every command of its aggregate: each record a sealed command
 * interface permits (through nested sealed interfaces too) has exactly one {@link CommandHandler}, a constructor or
 * a method, whose payload (its {@code payloadType}, else its first parameter) is that command or a supertype of it;
 * and the shell handles nothing else.
 */
final class CommandHandlers {

    private CommandHandlers() {
    }

    /**
     * Fails naming every command of {@code commands} that {@code aggregate} handles not once, or more than once, and
     * every handler of {@code aggregate} for something that is not such a command.
     */
    static void assertEachCommandHasExactlyOneHandler(Class<?> commands, Class<?> aggregate) {
        assertThat(commands.isSealed()).as("%s is a sealed command interface", commands.getName()).isTrue();
        List<Executable> handlers = handlersOf(aggregate);
        var wrong = new ArrayList<String>();
        for (Executable handler : handlers) {
            if (!payloadOf(handler).isAssignableFrom(commands) && !commands.isAssignableFrom(payloadOf(handler))) {
                wrong.add(handler + " handles no " + commands.getSimpleName());
            }
        }
        for (Class<?> command : commandsOf(commands)) {
            List<Executable> handling = handlers.stream()
                    .filter(handler -> payloadOf(handler).isAssignableFrom(command)).toList();
            if (handling.size() != 1) {
                wrong.add(command.getSimpleName() + " has " + handling.size() + " handlers " + handling);
            }
        }
        assertThat(wrong).as("commands of %s in %s", commands.getSimpleName(), aggregate.getSimpleName()).isEmpty();
    }

    /** The concrete commands: the permitted records, through nested sealed interfaces. */
    static List<Class<?>> commandsOf(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(type -> type.isSealed() ? commandsOf(type).stream() : Stream.of(type))
                .toList();
    }

    static List<Executable> handlersOf(Class<?> aggregate) {
        var handlers = new ArrayList<Executable>();
        for (Class<?> type = aggregate; type != null && type != Object.class; type = type.getSuperclass()) {
            Stream.concat(Arrays.stream(type.getDeclaredConstructors()), Arrays.stream(type.getDeclaredMethods()))
                    .filter(handler -> AnnotatedElementUtils.hasAnnotation(handler, CommandHandler.class))
                    .forEach(handlers::add);
        }
        assertThat(handlers).as("command handlers of %s", aggregate.getName()).isNotEmpty();
        return handlers;
    }

    static Class<?> payloadOf(Executable handler) {
        CommandHandler annotation = AnnotatedElementUtils.findMergedAnnotation(handler, CommandHandler.class);
        if (annotation != null && annotation.payloadType() != Object.class) {
            return annotation.payloadType();
        }
        assertThat(handler.getParameterCount()).as("%s takes its command", handler).isPositive();
        return handler.getParameterTypes()[0];
    }
}
