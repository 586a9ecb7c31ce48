package app.hearth.adapters.shared.axon;

import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.DefaultBaseTypeLimitingValidator;

/**
 * Jackson 3's default check of polymorphic types, plus one thing Axon needs: a property declared as {@code Object}
 * may hold an Axon type. Axon's {@code ReplayToken} keeps its reset context in such a property, and Jackson 3 refuses
 * any subtype of {@code Object} by default, so every token stored after a reset failed to load ("denies resolution of
 * all subtypes of base type java.lang.Object") and the processor stopped for good: no replay could run (ADR 0024).
 * Only {@code org.axonframework} classes are allowed there; every other base type is checked as before.
 */
public class AxonTypeValidator extends DefaultBaseTypeLimitingValidator {

    private static final String AXON = "org.axonframework.";

    @Override
    public Validity validateBaseType(DatabindContext context, JavaType baseType) {
        return isObject(baseType) ? Validity.INDETERMINATE : super.validateBaseType(context, baseType);
    }

    @Override
    public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
        if (isObject(baseType)) {
            return subClassName.startsWith(AXON) ? Validity.ALLOWED : Validity.DENIED;
        }
        return super.validateSubClassName(context, baseType, subClassName);
    }

    @Override
    public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
        if (isObject(baseType)) {
            return subType.getRawClass().getName().startsWith(AXON) ? Validity.ALLOWED : Validity.DENIED;
        }
        return super.validateSubType(context, baseType, subType);
    }

    private static boolean isObject(JavaType type) {
        return type.hasRawClass(Object.class);
    }
}
