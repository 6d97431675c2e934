package io.cairn.soap.internal;

import javax.xml.bind.annotation.adapters.XmlAdapter;
import java.time.Instant;
import java.time.OffsetDateTime;

/** xs:dateTime to and from {@link Instant}. */
public class InstantAdapter extends XmlAdapter<String, Instant> {
    @Override
    public Instant unmarshal(String value) {
        return value == null ? null : OffsetDateTime.parse(value.trim()).toInstant();
    }

    @Override
    public String marshal(Instant value) {
        return value == null ? null : value.toString();
    }
}
