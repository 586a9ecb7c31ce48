-- A companion's own "I am available" switch (issue 5, until shifts exist): set since when, or null. Suspending a
-- companion clears it. A companion in a call is busy whatever this says (the calls module answers that).
ALTER TABLE companion ADD COLUMN available_since TIMESTAMP WITH TIME ZONE;
