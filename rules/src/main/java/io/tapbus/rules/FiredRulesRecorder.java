package io.tapbus.rules;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

import java.util.ArrayList;
import java.util.List;

/** Collects the names of the rules that fire in one session, in firing order. */
final class FiredRulesRecorder extends DefaultAgendaEventListener {
    private final List<String> names = new ArrayList<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        names.add(event.getMatch().getRule().getName());
    }

    List<String> names() {
        return names;
    }

    List<String> lastNames(int count) {
        return names.subList(Math.max(0, names.size() - count), names.size());
    }
}
