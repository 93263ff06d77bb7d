<?xml version="1.0" encoding="UTF-8"?>
<!-- A string doubled 40 times (16 TB): stopped by the memory cap. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:call-template name="double"><xsl:with-param name="s" select="'0123456789abcdef'"/><xsl:with-param name="n" select="40"/></xsl:call-template>
  </xsl:template>
  <xsl:template name="double">
    <xsl:param name="s"/><xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &gt; 0"><xsl:call-template name="double"><xsl:with-param name="s" select="concat($s, $s)"/><xsl:with-param name="n" select="$n - 1"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="string-length($s)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
