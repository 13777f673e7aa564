-- Run once by the postgres image on an empty volume: one database per service
-- (DESIGN.md: no service reads another's tables; replicas of one service share its database).
CREATE DATABASE event_gateway;
CREATE DATABASE scheduler;
CREATE DATABASE webhook_ingress;
CREATE DATABASE workflow_runner;
