package org.flotilla.provider.ec2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Tests of a class share one moto server, emptied before each test. */
abstract class AgainstMoto {
    static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) moto.close();
    }

    @BeforeEach
    void emptyMoto() throws Exception {
        moto.reset();
    }
}
