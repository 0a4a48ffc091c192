package io.buzon.pop3.command;

import io.buzon.pop3.session.SessionState.Phase;

import java.util.EnumSet;
import java.util.Set;

final class Phases {

    static final Set<Phase> AUTHORIZATION = EnumSet.of(Phase.AUTHORIZATION);
    static final Set<Phase> TRANSACTION = EnumSet.of(Phase.TRANSACTION);
    static final Set<Phase> ANY = EnumSet.of(Phase.AUTHORIZATION, Phase.TRANSACTION);

    private Phases() {
    }
}
