package app.hearth.adapters.shared.axon;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * The event serializer: JSON through the delegate, but stored under the stable names of {@link StoredEventTypes}
 * instead of class names, at each event's own revision. Types it does not know (metadata, Axon's own) pass through
 * unchanged.
 */
public final class StableEventTypeSerializer implements Serializer {

    private final Serializer delegate;
    private final StoredEventTypes types;

    public StableEventTypeSerializer(Serializer delegate, StoredEventTypes types) {
        this.delegate = delegate;
        this.types = types;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
        if (object == null) {
            return serialized;
        }
        return types.nameOf(object.getClass())
                .<SerializedObject<T>>map(name -> new SimpleSerializedObject<>(serialized.getData(),
                        serialized.getContentType(), storedType(object.getClass(), name)))
                .orElse(serialized);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        return types.classNamed(type.getName())
                .map(eventClass -> delegate.<S, T>deserialize(new SimpleSerializedObject<>(serializedObject.getData(),
                        serializedObject.getContentType(),
                        new SimpleSerializedType(eventClass.getName(), type.getRevision()))))
                .orElseGet(() -> delegate.deserialize(serializedObject));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return types.classNamed(type.getName()).map(c -> (Class) c).orElseGet(() -> delegate.classForType(type));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        if (type == null) {
            return delegate.typeForClass(null);
        }
        return types.nameOf(type)
                .<SerializedType>map(name -> storedType(type, name))
                .orElseGet(() -> delegate.typeForClass(type));
    }

    private SerializedType storedType(Class<?> eventClass, String name) {
        return new SimpleSerializedType(name, types.revisionOf(eventClass).orElseThrow());
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
