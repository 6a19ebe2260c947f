package org.jeventstore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoreUriTest {

    @Test
    void toStringMasksThePasswordOfTheUserInfo() {
        StoreUri uri = StoreUri.parse("mongodb://user:s3cret@host:27017/db?w=majority");
        assertEquals("mongodb://user:****@host:27017/db?w=majority", uri.toString());
        assertEquals("mongodb://user:s3cret@host:27017/db?w=majority", uri.value());
    }

    @Test
    void toStringMasksSecretParameters() {
        String masked = StoreUri.parse("azure-tables://acct?accountKey=abc%2B%3D%3D&table=t&sig=xyz&token=t0k").toString();
        assertFalse(masked.contains("abc"), masked);
        assertFalse(masked.contains("xyz"), masked);
        assertFalse(masked.contains("t0k"), masked);
        assertTrue(masked.contains("table=t"), masked);
    }

    @Test
    void toStringMasksSasTokensConnectionStringsAndAuthenticationProperties() {
        String masked = StoreUri.parse("azure-tables://acct/t?sas=sv%3D2020%26sig%3DSECRET1"
                + "&connectionString=AccountName%3Dx%3BAccountKey%3DSECRET2&create=true").toString();
        assertFalse(masked.contains("SECRET1"), masked);
        assertFalse(masked.contains("SECRET2"), masked);
        assertTrue(masked.contains("create=true"), masked);
        String mongo = StoreUri.parse("mongodb://host/db?authMechanism=MONGODB-AWS"
                + "&authMechanismProperties=AWS_SESSION_TOKEN:SECRET3").toString();
        assertFalse(mongo.contains("SECRET3"), mongo);
    }

    @Test
    void maskHidesKeysOfConnectionStrings() {
        String text = "DefaultEndpointsProtocol=https;AccountName=dev;AccountKey=Eby8vdM02xNOcqF==;TableEndpoint=x";
        String masked = StoreUri.mask(text);
        assertFalse(masked.contains("Eby8vdM02xNOcqF"), masked);
        assertTrue(masked.contains("AccountName=dev"), masked);
    }

    @Test
    void passwordWithReservedCharactersIsMaskedToo() {
        String masked = StoreUri.parse("mongodb://user:pa/ss:w@rd@host/db").toString();
        assertEquals("mongodb://user:****@host/db", masked);
    }

    @Test
    void schemeIsLowerCasedAndTheRestKept() {
        StoreUri uri = StoreUri.parse("MEMORY:Shop");
        assertEquals("memory", uri.scheme());
        assertEquals("Shop", uri.schemeSpecificPart());
    }

    @Test
    void memoryWithoutNameIsAValidStoreUri() {
        assertEquals("", StoreUri.parse("memory:").schemeSpecificPart());
    }

    @Test
    void uriWithoutSchemeIsRejectedWithoutRevealingSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreUri.parse("//user:s3cret@host/db"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoreUri.parse("1abc:x"));
        assertThrows(IllegalArgumentException.class, () -> StoreUri.parse(""));
        assertThrows(NullPointerException.class, () -> StoreUri.parse(null));
    }

    @Test
    void malformedUriFailsToParseWithoutRevealingSecrets() {
        StoreUri uri = StoreUri.parse("mongodb://user:s3cret@ho st/db");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, uri::toURI);
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertEquals(null, e.getCause());
    }

    @Test
    void equalUrisAreEqual() {
        assertEquals(StoreUri.parse("memory:a"), StoreUri.parse("memory:a"));
        assertFalse(StoreUri.parse("memory:a").equals(StoreUri.parse("memory:b")));
    }
}
