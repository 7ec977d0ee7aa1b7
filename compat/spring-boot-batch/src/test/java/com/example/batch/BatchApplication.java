package com.example.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Batch application with its JDBC job repository on PostgreSQL and Flyway for its schema;
 * Spring Boot runs its one job ({@link Jobs}, written for each Spring Batch generation) at
 * startup, a new job instance each time.
 */
@SpringBootApplication
public class BatchApplication {
}
