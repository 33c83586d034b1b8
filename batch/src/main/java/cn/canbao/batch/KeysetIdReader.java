package cn.canbao.batch;

/**
 * Reads record ids in ascending order a page at a time by keyset ({@code id > last}), so a restart needs only the last
 * id read as its checkpoint and reads the ids after it.
 */
public abstract class KeysetIdReader extends KeysetReader<Long> {

    @Override
    protected long key(Long id) {
        return id;
    }
}
