package com.example;

/** A record parameter, with an enum component that must be registered too. */
public record Point(double x, double y, Label label) {

    /** Reached only through Point's component. */
    public enum Label {
        ORIGIN,
        OTHER
    }
}
