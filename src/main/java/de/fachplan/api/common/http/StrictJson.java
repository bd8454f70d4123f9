package de.fachplan.api.common.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.openapitools.jackson.nullable.JsonNullable;
import org.openapitools.jackson.nullable.JsonNullableModule;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;


/**
 * Request bodies are read as strictly as the contract is written: no number or boolean turns
 * silently into a string or back, and {@code null} is accepted only where the contract allows it.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new JsonNullableModule());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("contract-members")
                .setDeserializerModifier(new NullableMembers())
                .setSerializerModifier(new RequiredMembers()));
        // No list of the contract has nullable items; a null item would reach the services as a hole.
        mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    }

    /**
     * Only the members the contract marks nullable accept {@code null}: the generated models hold
     * those in a {@link JsonNullable}. Any other member sent as {@code null} is refused and named,
     * so that a merge patch never reads "clear the title" as "leave it".
     */
    static final class NullableMembers extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                BeanDeserializerBuilder builder) {
            if (!isGenerated(description.getBeanClass())) {
                return builder;
            }
            List<SettableBeanProperty> properties = new ArrayList<>();
            builder.getProperties().forEachRemaining(properties::add);
            for (SettableBeanProperty property : properties) {
                if (!isJsonNullable(description.getBeanClass(), property.getName())) {
                    builder.addOrReplaceProperty(new RefusingNull(property), true);
                }
            }
            return builder;
        }

        private static boolean isJsonNullable(Class<?> type, String member) {
            try {
                return type.getDeclaredField(member).getType() == JsonNullable.class;
            } catch (NoSuchFieldException e) {
                return false;
            }
        }
    }

    static final class RefusingNull extends SettableBeanProperty.Delegating {
        RefusingNull(SettableBeanProperty delegate) {
            super(delegate);
        }

        @Override
        protected SettableBeanProperty withDelegate(SettableBeanProperty delegate) {
            return new RefusingNull(delegate);
        }

        @Override
        public void deserializeAndSet(JsonParser parser, DeserializationContext context, Object instance)
                throws IOException {
            refuseNull(parser, context);
            super.deserializeAndSet(parser, context, instance);
        }

        @Override
        public Object deserializeSetAndReturn(JsonParser parser, DeserializationContext context, Object instance)
                throws IOException {
            refuseNull(parser, context);
            return super.deserializeSetAndReturn(parser, context, instance);
        }

        private void refuseNull(JsonParser parser, DeserializationContext context) throws InvalidNullException {
            if (parser.hasToken(JsonToken.VALUE_NULL)) {
                throw InvalidNullException.from(context, getFullName(), getType());
            }
        }
    }

    /**
     * Absent members are omitted from answers, except those the contract lists as required: a
     * list's {@code nextCursor} is there as {@code null} on the last page, a chart's
     * {@code firstShortfall} when there is none. The generated models mark them
     * {@code @JsonProperty(required = true)}, so the contract decides, not a list kept here.
     */
    static final class RequiredMembers extends BeanSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                List<BeanPropertyWriter> properties) {
            if (!isGenerated(description.getBeanClass())) {
                return properties;
            }
            List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
            for (BeanPropertyWriter property : properties) {
                changed.add(property.getMetadata().isRequired() ? new WrittenWhenNull(property) : property);
            }
            return changed;
        }
    }

    static final class WrittenWhenNull extends BeanPropertyWriter {
        WrittenWhenNull(BeanPropertyWriter base) {
            super(base);
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator generator, SerializerProvider provider)
                throws Exception {
            if (get(bean) == null) {
                generator.writeFieldName(_name);
                generator.writeNull();
                return;
            }
            super.serializeAsField(bean, generator, provider);
        }
    }

    private static boolean isGenerated(Class<?> type) {
        return type.getPackageName().equals(GENERATED_MODELS);
    }

    private static final String GENERATED_MODELS = "de.fachplan.api.generated.model";
}
