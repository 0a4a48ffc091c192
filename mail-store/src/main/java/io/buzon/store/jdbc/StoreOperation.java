package io.buzon.store.jdbc;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a store service whose public methods report database failures only as
 * {@link io.buzon.store.StorageFailureException}: the interceptor sits outside {@code @Transactional}, so a
 * failed commit is translated too. Every public service of the store carries it.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface StoreOperation {
}
