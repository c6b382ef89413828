-- Fencing a server run the cluster has declared gone (a server that froze, say under SIGSTOP, and wakes up later):
-- recovery marks the run's checkpoint row fenced before it replays the run's tail, and every append of a run first
-- holds its own row (FOR SHARE, until commit) and fails if the row is fenced or gone. Marking waits for the appends
-- already holding the row, so whatever a frozen run commits is either before the fence (and inside the replay) or not
-- at all: nothing acknowledged is ever left for nobody to apply.
ALTER TABLE dispatch_checkpoint ADD COLUMN IF NOT EXISTS fenced boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION dispatch_checkpoint_hold(run text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM dispatch_checkpoint WHERE owner = run AND NOT fenced FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'server run % was declared gone by the cluster and may append no more', run
            USING ERRCODE = 'RE001';
    END IF;
END
$$;
