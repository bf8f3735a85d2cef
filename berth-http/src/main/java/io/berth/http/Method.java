package io.berth.http;

/** The HTTP methods Berth's APIs use. */
public enum Method { GET, HEAD, POST, PUT, PATCH, DELETE }
